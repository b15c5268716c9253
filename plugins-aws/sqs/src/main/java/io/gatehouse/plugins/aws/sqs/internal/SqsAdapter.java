package io.gatehouse.plugins.aws.sqs.internal;

import io.gatehouse.api.adapter.DecodeContext;
import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.adapter.Protocol;
import io.gatehouse.api.adapter.ServiceAdapter;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.RequestView;
import java.util.Locale;
import org.osgi.service.component.annotations.Component;

/**
 * Decodes Amazon SQS calls in both of its protocols: the query protocol ({@code Action=SendMessage&QueueUrl=...},
 * XML answers; what the AWS CLI v2.9 sends) and the JSON 1.0 protocol ({@code X-Amz-Target: AmazonSQS.SendMessage};
 * what newer SDKs send). A call carrying {@code X-Amz-Target} or a JSON content type is a JSON call, anything else a
 * query call. Stateless and thread-safe.
 */
@Component(property = ServiceAdapter.SERVICE + "=sqs")
public final class SqsAdapter implements ServiceAdapter {

    @Override
    public Protocol protocol() {
        return Protocol.QUERY;
    }

    @Override
    public Protocol protocol(RequestView request) {
        return isJson(request) ? Protocol.AWS_JSON_1_0 : Protocol.QUERY;
    }

    @Override
    public AwsOperation decode(RequestView request, DecodeContext context) throws DecodeException {
        SqsCall call = isJson(request) ? JsonCallReader.read(request) : QueryCallReader.read(request);
        return new AwsOperation(context.service(), call.action(), context.region(),
                new QueueResources(context).of(call, request.rawPath()), KeyParameters.of(call));
    }

    private static boolean isJson(RequestView request) {
        return request.headers().contains("X-Amz-Target") || request.headers().first("Content-Type")
                .map(type -> type.toLowerCase(Locale.ROOT).startsWith("application/x-amz-json"))
                .orElse(false);
    }
}
