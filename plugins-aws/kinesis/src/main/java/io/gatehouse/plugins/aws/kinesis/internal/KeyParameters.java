package io.gatehouse.plugins.aws.kinesis.internal;

import io.gatehouse.plugins.aws.support.json.Members;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.api.adapter.DecodeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request parameters policy conditions may test, as text: integers in decimal, enumerations as given, and the
 * number of records of a PutRecords call as {@value #ITEM_COUNT}. A scalar of the wrong JSON type is refused, so a
 * condition never compares against something Kinesis would read differently.
 */
final class KeyParameters {

    /** The number of records in a PutRecords call. */
    static final String ITEM_COUNT = "ItemCount";

    private static final List<String> INTEGERS = List.of("Limit", "MaxResults", "ShardCount", "TargetShardCount",
            "RetentionPeriodHours");
    private static final List<String> STRINGS = List.of("ShardIteratorType", "ShardId", "ScalingType");

    private KeyParameters() {
    }

    static Map<String, String> of(String action, ObjectNode body) throws DecodeException {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String name : INTEGERS) {
            JsonNode node = present(body, name);
            if (node != null) {
                if (!node.isIntegralNumber()) {
                    throw new DecodeException(DecodeException.SERIALIZATION, name + " must be an integer");
                }
                parameters.put(name, node.bigIntegerValue().toString());
            }
        }
        for (String name : STRINGS) {
            JsonNode node = present(body, name);
            if (node != null) {
                if (!node.isTextual()) {
                    throw new DecodeException(DecodeException.SERIALIZATION, name + " must be a string");
                }
                parameters.put(name, node.textValue());
            }
        }
        if (action.equals("PutRecords")) {
            parameters.put(ITEM_COUNT, Integer.toString(Members.requiredArray(body, "Records", "").size()));
        }
        return parameters;
    }

    private static JsonNode present(ObjectNode body, String name) {
        JsonNode node = body.get(name);
        return node == null || node.isNull() ? null : node;
    }
}
