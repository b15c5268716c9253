package io.gatehouse.plugins.aws.sqs.internal;

import io.gatehouse.plugins.aws.support.text.Printable;
import io.gatehouse.plugins.aws.support.form.FormDecoder;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.exchange.RequestView;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JSON-protocol call ({@code X-Amz-Target: AmazonSQS.<Action>}, {@code application/x-amz-json-1.0}):
 * exactly one target header, no {@code Action=} anywhere, a body that is one strict JSON object (UTF-8, no
 * duplicate member names, nothing after it, bounded nesting). The members Gatehouse reads must have their
 * documented JSON type.
 */
final class JsonCallReader {

    static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final int MAX_DEPTH = 32;
    private static final Set<String> STRINGS = Set.of("QueueUrl", "QueueName", "QueueOwnerAWSAccountId",
            "SourceArn", "DestinationArn", "TaskHandle", "QueueNamePrefix", "MessageGroupId");
    private static final Set<String> INTEGERS = Set.of("MaxNumberOfMessages", "VisibilityTimeout",
            "WaitTimeSeconds", "DelaySeconds", "MaxResults", "MaxNumberOfMessagesPerSecond");
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private JsonCallReader() {
    }

    static SqsCall read(RequestView request) throws DecodeException {
        String action = action(request);
        JsonNode body = object(request.body().bytes());
        List<String> names = new java.util.ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        ParameterNames.requireExactCase(names, DecodeException.SERIALIZATION);
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> member : body.properties()) {
            String text = scalar(member.getKey(), member.getValue());
            if (text != null) {
                values.put(member.getKey(), text);
            }
        }
        int entries = -1;
        if (SqsActions.BATCH_ENTRY_PREFIX.containsKey(action)) {
            JsonNode list = body.path("Entries");
            if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
                throw new DecodeException(DecodeException.SERIALIZATION, "Entries must be a JSON array");
            }
            entries = list.size();
        }
        return new SqsCall(action, values, entries);
    }

    private static String action(RequestView request) throws DecodeException {
        List<String> targets = request.headers().all("X-Amz-Target");
        if (targets.size() != 1) {
            throw new DecodeException(DecodeException.UNKNOWN_OPERATION, targets.isEmpty()
                    ? "A JSON-protocol SQS call needs X-Amz-Target: " + SqsActions.TARGET_PREFIX + "<Action>"
                    : "The request has " + targets.size() + " X-Amz-Target headers; send exactly one");
        }
        String type = request.headers().first("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (FormDecoder.decode(request.rawQuery(), "The query string").containsKey("Action")) {
            throw new DecodeException(DecodeException.UNKNOWN_OPERATION, "The request names its action twice, in "
                    + "X-Amz-Target and as Action=; use one protocol");
        }
        if (type.startsWith("application/x-www-form-urlencoded")) {
            throw new DecodeException(DecodeException.UNKNOWN_OPERATION, "The request has X-Amz-Target and a form "
                    + "body, so it is written in two protocols; use one");
        }
        if (!request.rawQuery().isEmpty()) {
            throw new DecodeException(DecodeException.SERIALIZATION,
                    "A JSON-protocol SQS call carries its parameters in the body, not in a query string");
        }
        if (!type.split(";")[0].trim().equals(CONTENT_TYPE)) {
            throw new DecodeException(DecodeException.SERIALIZATION, "A JSON-protocol SQS call must have "
                    + "Content-Type: " + CONTENT_TYPE + ", not '" + Printable.of(type) + "'");
        }
        String target = targets.get(0);
        if (!target.startsWith(SqsActions.TARGET_PREFIX)) {
            throw new DecodeException(DecodeException.UNKNOWN_OPERATION, "X-Amz-Target '" + Printable.of(target)
                    + "' is not an SQS action; expected " + SqsActions.TARGET_PREFIX + "<Action>");
        }
        String action = target.substring(SqsActions.TARGET_PREFIX.length());
        if (!SqsActions.isKnown(action)) {
            throw new DecodeException(DecodeException.UNKNOWN_OPERATION,
                    "Unknown SQS action '" + Printable.of(action) + "'");
        }
        return action;
    }

    private static String scalar(String name, JsonNode node) throws DecodeException {
        if (node.isNull()) {
            return null;
        }
        if (STRINGS.contains(name) && !node.isTextual()) {
            throw new DecodeException(DecodeException.SERIALIZATION, name + " must be a string");
        }
        if (INTEGERS.contains(name) && !node.isIntegralNumber()) {
            throw new DecodeException(DecodeException.SERIALIZATION, name + " must be an integer");
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        return node.isBoolean() ? Boolean.toString(node.booleanValue()) : null;
    }

    private static JsonNode object(byte[] bytes) throws DecodeException {
        JsonNode root;
        try {
            root = MAPPER.readTree(utf8(bytes));
        } catch (JsonProcessingException e) {
            throw new DecodeException(DecodeException.SERIALIZATION,
                    "The request body is not valid JSON: " + Printable.of(String.valueOf(e.getOriginalMessage())));
        }
        if (root == null || !root.isObject()) {
            throw new DecodeException(DecodeException.SERIALIZATION, "The request body must be a JSON object");
        }
        return root;
    }

    // Decoded strictly up front: Jackson would otherwise guess UTF-16/32 from the first bytes.
    private static String utf8(byte[] bytes) throws DecodeException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new DecodeException(DecodeException.SERIALIZATION, "The request body is not valid UTF-8");
        }
    }
}
