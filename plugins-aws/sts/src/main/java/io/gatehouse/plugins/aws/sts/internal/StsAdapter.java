package io.gatehouse.plugins.aws.sts.internal;

import io.gatehouse.plugins.aws.support.text.Printable;
import io.gatehouse.api.adapter.DecodeContext;
import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.adapter.Protocol;
import io.gatehouse.api.adapter.ServiceAdapter;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.RequestView;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Decodes AWS STS calls (query protocol: {@code Action=AssumeRole&...}, XML answers) into the action, the role or
 * federated user they are authorized on, and the key parameters policy may test. Stateless and thread-safe.
 */
@Component(property = ServiceAdapter.SERVICE + "=sts")
public final class StsAdapter implements ServiceAdapter {

    @Override
    public Protocol protocol() {
        return Protocol.QUERY;
    }

    @Override
    public AwsOperation decode(RequestView request, DecodeContext context) throws DecodeException {
        if (!request.rawPath().isEmpty() && !request.rawPath().equals("/")) {
            throw new DecodeException(DecodeException.VALIDATION, "STS calls go to the path '/', not '"
                    + Printable.of(request.rawPath()) + "'");
        }
        Map<String, String> call = StsCallReader.read(request);
        String action = call.get("Action");
        return new AwsOperation(context.service(), action, context.region(),
                StsResources.of(action, call, context), KeyParameters.of(call));
    }
}
