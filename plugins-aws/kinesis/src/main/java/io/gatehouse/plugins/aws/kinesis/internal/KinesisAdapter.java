package io.gatehouse.plugins.aws.kinesis.internal;

import io.gatehouse.plugins.aws.support.json.StrictJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.api.adapter.DecodeContext;
import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.adapter.Protocol;
import io.gatehouse.api.adapter.ServiceAdapter;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Decodes Kinesis Data Streams' JSON 1.1 protocol: the action from {@code X-Amz-Target: Kinesis_20131202.<Action>},
 * the streams and consumers the call touches as ARNs, and the key parameters policy may test. Responses are opaque
 * (records are base64 blobs). SubscribeToShard is decoded like any call, but its answer is an HTTP/2 event stream,
 * which the proxy does not relay yet. Stateless and thread-safe.
 */
@Component(configurationPid = KinesisAdapterConfig.PID, property = ServiceAdapter.SERVICE + "=kinesis")
@Designate(ocd = KinesisAdapterConfig.class)
public final class KinesisAdapter implements ServiceAdapter {

    private static final String TARGET = "X-Amz-Target";

    private final StrictJson json;

    /** @param config the adapter's limits; defaults apply without a configuration */
    @Activate
    public KinesisAdapter(KinesisAdapterConfig config) {
        this(config.max_nesting_depth());
    }

    /** @param maxNestingDepth the deepest JSON nesting accepted in request bodies */
    public KinesisAdapter(int maxNestingDepth) {
        this.json = new StrictJson(maxNestingDepth);
    }

    @Override
    public Protocol protocol() {
        return Protocol.AWS_JSON_1_1;
    }

    @Override
    public AwsOperation decode(RequestView request, DecodeContext context) throws DecodeException {
        String action = action(request.headers());
        refuseCbor(request.headers());
        ObjectNode body = json.readObject(request.body().bytes(), "Request body");
        List<String> resources = new StreamResources(context).of(action, body);
        return new AwsOperation(context.service(), action, context.region(), resources,
                KeyParameters.of(action, body));
    }

    private static String action(Headers headers) throws DecodeException {
        List<String> targets = headers.all(TARGET);
        if (targets.size() != 1) {
            throw new DecodeException(DecodeException.UNKNOWN_OPERATION, targets.isEmpty()
                    ? "The request has no X-Amz-Target header; Kinesis calls name their action as X-Amz-Target: "
                            + KinesisActions.TARGET_PREFIX + "<Action>"
                    : "The request has " + targets.size() + " X-Amz-Target headers; send exactly one");
        }
        String target = targets.get(0);
        if (!target.startsWith(KinesisActions.TARGET_PREFIX)) {
            throw new DecodeException(DecodeException.UNKNOWN_OPERATION, "X-Amz-Target '" + printable(target)
                    + "' is not a Kinesis action; expected " + KinesisActions.TARGET_PREFIX + "<Action>");
        }
        String action = target.substring(KinesisActions.TARGET_PREFIX.length());
        if (!KinesisActions.isKnown(action)) {
            throw new DecodeException(DecodeException.UNKNOWN_OPERATION,
                    "Unknown Kinesis action '" + printable(action) + "'");
        }
        return action;
    }

    // The AWS SDK for Java sends Kinesis calls in CBOR unless told otherwise; Gatehouse decodes JSON only.
    private static void refuseCbor(Headers headers) throws DecodeException {
        for (String type : headers.all("Content-Type")) {
            if (type.toLowerCase(Locale.ROOT).contains("cbor")) {
                throw new DecodeException(DecodeException.SERIALIZATION, "Gatehouse decodes Kinesis calls in JSON "
                        + "only, not CBOR; disable CBOR in the client (AWS SDK for Java: -Daws.cborEnabled=false or "
                        + "AWS_CBOR_DISABLE=true)");
            }
        }
    }

    private static String printable(String value) {
        String clean = value.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() <= 100 ? clean : clean.substring(0, 100) + "...";
    }
}
