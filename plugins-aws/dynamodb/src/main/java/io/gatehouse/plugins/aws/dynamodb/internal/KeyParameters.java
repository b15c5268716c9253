package io.gatehouse.plugins.aws.dynamodb.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.api.adapter.DecodeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The request parameters policy conditions may test, as text. Scalars are copied in a canonical form (integers
 * in decimal, booleans as {@code true}/{@code false}); expressions are reported by presence only; batch calls,
 * transactions and PartiQL batches report how many items or statements they carry in {@value #ITEM_COUNT}.
 * A scalar of the wrong JSON type is refused, so a condition never compares against something DynamoDB would read
 * differently.
 */
final class KeyParameters {

    /** The number of items, keys or statements in a multi-item call. */
    static final String ITEM_COUNT = "ItemCount";

    private static final List<String> INTEGERS = List.of("Limit", "Segment", "TotalSegments");
    private static final List<String> STRINGS = List.of("Select", "IndexName", "ReturnValues");
    private static final List<String> BOOLEANS = List.of("ConsistentRead");
    private static final List<String> PRESENCE = List.of("ConditionExpression", "FilterExpression");

    private KeyParameters() {
    }

    /**
     * @param action a known action whose resources have been extracted (so the batch structures are valid)
     * @param body the request's JSON object
     * @return parameter names to their text
     */
    static Map<String, String> of(String action, ObjectNode body) throws DecodeException {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String name : INTEGERS) {
            JsonNode node = scalar(body, name, JsonNode::isIntegralNumber, "an integer");
            if (node != null) {
                parameters.put(name, node.bigIntegerValue().toString());
            }
        }
        for (String name : STRINGS) {
            JsonNode node = scalar(body, name, JsonNode::isTextual, "a string");
            if (node != null) {
                parameters.put(name, node.textValue());
            }
        }
        for (String name : BOOLEANS) {
            JsonNode node = scalar(body, name, JsonNode::isBoolean, "a boolean");
            if (node != null) {
                parameters.put(name, Boolean.toString(node.booleanValue()));
            }
        }
        for (String name : PRESENCE) {
            if (scalar(body, name, JsonNode::isTextual, "a string") != null) {
                parameters.put(name, "true");
            }
        }
        int count = itemCount(action, body);
        if (count >= 0) {
            parameters.put(ITEM_COUNT, Integer.toString(count));
        }
        return parameters;
    }

    private static int itemCount(String action, ObjectNode body) {
        return switch (action) {
            case "BatchGetItem" -> sum(body.path("RequestItems"), "Keys");
            case "BatchWriteItem" -> sum(body.path("RequestItems"), null);
            case "TransactGetItems", "TransactWriteItems" -> body.path("TransactItems").size();
            case "BatchExecuteStatement" -> body.path("Statements").size();
            case "ExecuteTransaction" -> body.path("TransactStatements").size();
            default -> -1;
        };
    }

    /** Adds up, over every table of {@code RequestItems}, the size of its list (or of its member {@code list}). */
    private static int sum(JsonNode requestItems, String list) {
        int total = 0;
        for (Map.Entry<String, JsonNode> table : requestItems.properties()) {
            total += (list == null ? table.getValue() : table.getValue().path(list)).size();
        }
        return total;
    }

    private static JsonNode scalar(ObjectNode body, String name, Predicate<JsonNode> type,
                                   String typeName) throws DecodeException {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!type.test(node)) {
            throw new DecodeException(DecodeException.SERIALIZATION, name + " must be " + typeName);
        }
        return node;
    }
}
