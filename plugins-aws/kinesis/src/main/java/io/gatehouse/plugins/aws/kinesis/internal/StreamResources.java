package io.gatehouse.plugins.aws.kinesis.internal;

import io.gatehouse.plugins.aws.support.json.Members;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.api.adapter.DecodeContext;
import io.gatehouse.api.adapter.DecodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The streams and consumers a Kinesis call touches, as ARNs. A stream is named by {@code StreamName} (an ARN in the
 * call's partition, region and account) and/or {@code StreamARN} (used as given); when both are present they must
 * name the same stream. A consumer is named by {@code ConsumerARN} (as given) and/or {@code StreamARN} plus
 * {@code ConsumerName} ({@code <StreamARN>/consumer/<ConsumerName>}, without the creation timestamp AWS appends).
 */
final class StreamResources {

    private static final String NAME_CHARS = "[a-zA-Z0-9_.-]{1,128}";
    private static final Pattern NAME = Pattern.compile(NAME_CHARS);
    private static final String STREAM_ARN_CHARS =
            "arn:[a-z][a-z0-9-]{0,62}:kinesis:[a-z0-9-]{1,64}:[0-9]{12}:stream/" + NAME_CHARS;
    private static final Pattern STREAM_ARN = Pattern.compile(STREAM_ARN_CHARS);
    /** {@code <stream ARN>/consumer/<name>:<creation timestamp>}. */
    private static final Pattern CONSUMER_ARN =
            Pattern.compile("(" + STREAM_ARN_CHARS + ")/consumer/(" + NAME_CHARS + "):[0-9]{1,20}");
    private static final Pattern ANY_ARN = Pattern.compile("arn:[a-z][a-z0-9-]{0,62}:kinesis:[a-z0-9-]{1,64}:"
            + "[0-9]{12}:stream/" + NAME_CHARS + "(/consumer/" + NAME_CHARS + ":[0-9]{1,20})?");

    private final DecodeContext context;

    StreamResources(DecodeContext context) {
        this.context = context;
    }

    /**
     * @param action a known Kinesis action
     * @param body the request's JSON object
     * @return the ARNs the call touches, in request order, without duplicates
     */
    List<String> of(String action, ObjectNode body) throws DecodeException {
        if (action.equals("ListShards") && isPaginationOnly(body)) {
            // later pages name the stream only inside the opaque NextToken, and Kinesis forbids naming it again
            return List.of();
        }
        if (KinesisActions.STREAM.contains(action)) {
            return List.of(requiredStream(body));
        }
        if (KinesisActions.CONSUMER.contains(action)) {
            return List.of(consumer(body));
        }
        if (KinesisActions.RESOURCE_ARN.contains(action)) {
            return List.of(resourceArn(Members.requiredText(body, "ResourceARN", "")));
        }
        return switch (action) {
            // the shard iterator is opaque: only the optional StreamARN names the stream
            case "GetRecords" -> optionalList(streamArn(body));
            case "ListStreamConsumers" -> List.of(requiredStreamArn(body));
            case "RegisterStreamConsumer" -> registerConsumer(body);
            case "SubscribeToShard" -> List.of(consumerArn(Members.requiredText(body, "ConsumerARN", "")));
            default -> List.of(); // account-level calls: ListStreams, DescribeLimits, account settings
        };
    }

    private String requiredStream(ObjectNode body) throws DecodeException {
        Optional<String> name = Members.text(body, "StreamName", "");
        if (name.isPresent()) {
            validName(name.get(), "StreamName");
        }
        Optional<String> byName = name.map(this::streamArnOf);
        Optional<String> byArn = streamArn(body);
        if (byName.isPresent() && byArn.isPresent() && !byName.get().equals(byArn.get())) {
            throw new DecodeException(DecodeException.VALIDATION, "StreamName and StreamARN name different streams ("
                    + byName.get() + " and " + byArn.get() + "); give one of them");
        }
        if (byName.isPresent()) {
            return byName.get();
        }
        return byArn.orElseThrow(() -> new DecodeException(DecodeException.VALIDATION,
                "Either StreamName or StreamARN is required"));
    }

    private static boolean isPaginationOnly(ObjectNode body) throws DecodeException {
        return Members.text(body, "NextToken", "").isPresent() && Members.text(body, "StreamName", "").isEmpty()
                && Members.text(body, "StreamARN", "").isEmpty();
    }

    private String requiredStreamArn(ObjectNode body) throws DecodeException {
        return streamArn(body).orElseThrow(() -> Members.missing("", "StreamARN"));
    }

    private Optional<String> streamArn(ObjectNode body) throws DecodeException {
        Optional<String> arn = Members.text(body, "StreamARN", "");
        if (arn.isPresent() && !STREAM_ARN.matcher(arn.get()).matches()) {
            throw invalid("StreamARN", arn.get(), "is not a Kinesis stream ARN (arn:aws:kinesis:REGION:ACCOUNT:stream/NAME)");
        }
        return arn;
    }

    private List<String> registerConsumer(ObjectNode body) throws DecodeException {
        String stream = requiredStreamArn(body);
        String name = validName(Members.requiredText(body, "ConsumerName", ""), "ConsumerName");
        return List.of(stream, stream + "/consumer/" + name);
    }

    private String consumer(ObjectNode body) throws DecodeException {
        Optional<String> byArn = Members.text(body, "ConsumerARN", "");
        Optional<String> stream = streamArn(body);
        Optional<String> name = Members.text(body, "ConsumerName", "");
        if (name.isPresent()) {
            validName(name.get(), "ConsumerName");
        }
        if (byArn.isPresent()) {
            String arn = consumerArn(byArn.get());
            if (stream.isPresent() || name.isPresent()) {
                var parts = CONSUMER_ARN.matcher(arn);
                parts.matches();
                if (stream.isPresent() && !stream.get().equals(parts.group(1))
                        || name.isPresent() && !name.get().equals(parts.group(2))) {
                    throw new DecodeException(DecodeException.VALIDATION, "ConsumerARN names another consumer than "
                            + "StreamARN and ConsumerName; give ConsumerARN alone");
                }
            }
            return arn;
        }
        if (stream.isEmpty() || name.isEmpty()) {
            throw new DecodeException(DecodeException.VALIDATION,
                    "Either ConsumerARN or both StreamARN and ConsumerName are required");
        }
        return stream.get() + "/consumer/" + name.get();
    }

    private static String consumerArn(String arn) throws DecodeException {
        if (!CONSUMER_ARN.matcher(arn).matches()) {
            throw invalid("ConsumerARN", arn,
                    "is not a Kinesis consumer ARN (arn:aws:kinesis:REGION:ACCOUNT:stream/NAME/consumer/NAME:TIME)");
        }
        return arn;
    }

    private static String resourceArn(String arn) throws DecodeException {
        if (!ANY_ARN.matcher(arn).matches()) {
            throw invalid("ResourceARN", arn, "is not a Kinesis stream or consumer ARN");
        }
        return arn;
    }

    private String streamArnOf(String name) {
        return context.arn("stream/" + name);
    }

    private static String validName(String name, String where) throws DecodeException {
        if (!NAME.matcher(name).matches()) {
            throw invalid(where, name, "is not a valid name: use 1 to 128 characters of a-z, A-Z, 0-9, '_', '-' "
                    + "and '.'");
        }
        return name;
    }

    private static List<String> optionalList(Optional<String> arn) {
        List<String> list = new ArrayList<>(1);
        arn.ifPresent(list::add);
        return List.copyOf(list);
    }

    private static DecodeException invalid(String where, String value, String problem) {
        return new DecodeException(DecodeException.VALIDATION, where + " '" + shorten(value) + "' " + problem);
    }

    // Bounds what a hostile value can put into an error message and the logs.
    private static String shorten(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 80 ? printable : printable.substring(0, 80) + "...";
    }
}
