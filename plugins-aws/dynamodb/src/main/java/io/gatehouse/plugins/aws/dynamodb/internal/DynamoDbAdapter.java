package io.gatehouse.plugins.aws.dynamodb.internal;

import io.gatehouse.plugins.aws.support.json.StrictJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.api.adapter.DecodeContext;
import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.adapter.Protocol;
import io.gatehouse.api.adapter.ResponseFields;
import io.gatehouse.api.adapter.ServiceAdapter;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.api.exchange.ResponseView;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Decodes DynamoDB's JSON 1.0 protocol: the action from {@code X-Amz-Target: DynamoDB_20120810.<Action>}, the
 * tables, indexes and other resources the call touches as ARNs, and the key parameters policy may test. Exposes
 * the attribute values of item-bearing responses for masking. Stateless and thread-safe.
 */
@Component(configurationPid = DynamoDbAdapterConfig.PID, property = ServiceAdapter.SERVICE + "=dynamodb")
@Designate(ocd = DynamoDbAdapterConfig.class)
public final class DynamoDbAdapter implements ServiceAdapter {

    private static final String TARGET = "X-Amz-Target";

    private final StrictJson json;

    /** @param config the adapter's limits; defaults apply without a configuration */
    @Activate
    public DynamoDbAdapter(DynamoDbAdapterConfig config) {
        this(config.max_nesting_depth());
    }

    /** @param maxNestingDepth the deepest JSON nesting accepted in request and response bodies */
    public DynamoDbAdapter(int maxNestingDepth) {
        this.json = new StrictJson(maxNestingDepth);
    }

    @Override
    public Protocol protocol() {
        return Protocol.AWS_JSON_1_0;
    }

    @Override
    public AwsOperation decode(RequestView request, DecodeContext context) throws DecodeException {
        String action = action(request.headers());
        ObjectNode body = json.readObject(request.body().bytes(), "Request body");
        List<String> resources = ResourceExtractor.resources(action, body, context);
        return new AwsOperation(context.service(), action, context.region(), resources,
                KeyParameters.of(action, body));
    }

    @Override
    public Optional<ResponseFields> responseFields(AwsOperation operation, ResponseView response)
            throws DecodeException {
        if (response.status() < 200 || response.status() > 299 || response.body().length() == 0
                || !isJson(response.headers())) {
            return Optional.empty();
        }
        Optional<String> encoding = response.headers().first("Content-Encoding");
        if (encoding.isPresent() && !encoding.get().isBlank() && !encoding.get().equalsIgnoreCase("identity")) {
            // masking must see what the client decodes; an encoded body would pass unread
            throw new DecodeException(DecodeException.SERIALIZATION, "DynamoDB answered with Content-Encoding "
                    + encoding.get() + ", which Gatehouse cannot inspect; the response is withheld");
        }
        byte[] body = response.body().bytes();
        return Optional.of(new AttributeValueFields(json.readObject(body, "DynamoDB response body"), body, json));
    }

    private static String action(Headers headers) throws DecodeException {
        List<String> targets = headers.all(TARGET);
        if (targets.isEmpty()) {
            throw new DecodeException(DecodeException.UNKNOWN_OPERATION, "The request has no X-Amz-Target header; "
                    + "DynamoDB calls name their action as X-Amz-Target: " + DynamoDbActions.TARGET_PREFIX + "<Action>");
        }
        if (targets.size() > 1) {
            throw new DecodeException(DecodeException.UNKNOWN_OPERATION,
                    "The request has " + targets.size() + " X-Amz-Target headers; send exactly one");
        }
        String target = targets.get(0);
        if (target.startsWith(DynamoDbActions.STREAMS_TARGET_PREFIX)) {
            throw new DecodeException(DecodeException.UNKNOWN_OPERATION,
                    "Gatehouse does not decode DynamoDB Streams calls (" + printable(target) + ") yet");
        }
        if (!target.startsWith(DynamoDbActions.TARGET_PREFIX)) {
            throw new DecodeException(DecodeException.UNKNOWN_OPERATION, "X-Amz-Target '" + printable(target)
                    + "' is not a DynamoDB action; expected " + DynamoDbActions.TARGET_PREFIX + "<Action>");
        }
        String action = target.substring(DynamoDbActions.TARGET_PREFIX.length());
        if (!DynamoDbActions.isKnown(action)) {
            throw new DecodeException(DecodeException.UNKNOWN_OPERATION,
                    "Unknown DynamoDB action '" + printable(action) + "'");
        }
        return action;
    }

    // An absent Content-Type is parsed too: a 2xx DynamoDB answer is always JSON, and failing closed is safer.
    private static boolean isJson(Headers headers) {
        return headers.first("Content-Type")
                .map(type -> type.toLowerCase(Locale.ROOT).contains("json"))
                .orElse(true);
    }

    private static String printable(String value) {
        String clean = value.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() <= 100 ? clean : clean.substring(0, 100) + "...";
    }
}
