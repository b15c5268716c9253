package io.gatehouse.plugins.aws.dynamodb.internal;

import io.gatehouse.plugins.aws.support.json.StrictJson;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.gatehouse.api.adapter.ResponseFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The item data of a DynamoDB response as text fields: every {@code S}, {@code N} and {@code B} value and every
 * member of {@code SS}, {@code NS} and {@code BS}, at any depth of {@code M} and {@code L}, found under
 * {@code Item}, {@code Items}, {@code Attributes}, {@code LastEvaluatedKey} and {@code Responses} (the tables of
 * BatchGetItem, and the {@code Item} and {@code Error.Item} of each entry of TransactGetItems, ExecuteTransaction
 * and BatchExecuteStatement). Numbers and binaries keep their wire form (decimal text, base64).
 *
 * <p>Paths read like {@code Items[0].email.S}, {@code Item.address.M.city.S} or {@code Items[2].tags.SS[1]}; a
 * name that is not made only of {@code [A-Za-z0-9_-]} is written as a JSON string in brackets, e.g.
 * {@code Item["e.mail"].S}, so that no two fields share a path. Immutable.
 */
final class AttributeValueFields implements ResponseFields {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final StrictJson json;
    private final byte[] original;
    private final ObjectNode root;
    private final List<Field> fields;

    /**
     * @param root the parsed response; not modified
     * @param original the response body it was parsed from, returned as is when nothing is replaced
     * @param json the reader that parsed it, used to write it again
     */
    AttributeValueFields(ObjectNode root, byte[] original, StrictJson json) {
        this.json = json;
        this.original = original.clone();
        this.root = root;
        List<Field> found = new ArrayList<>();
        walk(root, (path, value, replace) -> found.add(new Field(path, value)));
        this.fields = List.copyOf(found);
    }

    @Override
    public List<Field> fields() {
        return fields;
    }

    @Override
    public byte[] encode(Map<String, String> replacements) {
        ObjectNode copy = root.deepCopy();
        int[] replaced = {0};
        walk(copy, (path, value, replace) -> {
            String replacement = replacements.get(path);
            if (replacement != null) {
                replace.accept(TextNode.valueOf(replacement));
                replaced[0]++;
            }
        });
        // untouched responses go out byte for byte, so checksums such as x-amz-crc32 stay valid
        return replaced[0] == 0 ? original.clone() : json.write(copy);
    }

    /** Receives each text field with a way to replace it in the tree being walked. */
    private interface Visitor {
        void field(String path, String value, Consumer<JsonNode> replace);
    }

    private static void walk(ObjectNode root, Visitor visitor) {
        item(root.get("Item"), "Item", visitor);
        items(root.get("Items"), "Items", visitor);
        item(root.get("Attributes"), "Attributes", visitor);
        item(root.get("LastEvaluatedKey"), "LastEvaluatedKey", visitor);
        responses(root.get("Responses"), visitor);
    }

    private static void responses(JsonNode responses, Visitor visitor) {
        if (responses instanceof ObjectNode tables) {
            for (Map.Entry<String, JsonNode> table : tables.properties()) {
                items(table.getValue(), child("Responses", table.getKey()), visitor);
            }
        } else if (responses instanceof ArrayNode entries) {
            for (int i = 0; i < entries.size(); i++) {
                String path = "Responses[" + i + "]";
                JsonNode entry = entries.get(i);
                item(entry.get("Item"), path + ".Item", visitor);
                item(entry.path("Error").get("Item"), path + ".Error.Item", visitor);
            }
        }
    }

    private static void items(JsonNode items, String path, Visitor visitor) {
        if (items instanceof ArrayNode list) {
            for (int i = 0; i < list.size(); i++) {
                item(list.get(i), path + "[" + i + "]", visitor);
            }
        }
    }

    /** An item, key or {@code M} value: attribute names to attribute values. */
    private static void item(JsonNode item, String path, Visitor visitor) {
        if (item instanceof ObjectNode attributes) {
            for (Map.Entry<String, JsonNode> attribute : attributes.properties()) {
                attributeValue(attribute.getValue(), child(path, attribute.getKey()), visitor);
            }
        }
    }

    private static void attributeValue(JsonNode value, String path, Visitor visitor) {
        if (!(value instanceof ObjectNode typed)) {
            return;
        }
        for (Map.Entry<String, JsonNode> entry : typed.properties()) {
            String type = entry.getKey();
            JsonNode content = entry.getValue();
            String typePath = path + "." + type;
            switch (type) {
                case "S", "N", "B" -> text(content, typePath, node -> typed.set(type, node), visitor);
                case "SS", "NS", "BS" -> {
                    if (content instanceof ArrayNode set) {
                        for (int i = 0; i < set.size(); i++) {
                            int at = i;
                            text(set.get(i), typePath + "[" + i + "]", node -> set.set(at, node), visitor);
                        }
                    }
                }
                case "M" -> item(content, typePath, visitor);
                case "L" -> {
                    if (content instanceof ArrayNode list) {
                        for (int i = 0; i < list.size(); i++) {
                            attributeValue(list.get(i), typePath + "[" + i + "]", visitor);
                        }
                    }
                }
                default -> {
                    // BOOL and NULL carry no text
                }
            }
        }
    }

    private static void text(JsonNode node, String path, Consumer<JsonNode> replace, Visitor visitor) {
        if (node != null && node.isTextual()) {
            visitor.field(path, node.textValue(), replace);
        }
    }

    private static String child(String path, String name) {
        if (PLAIN_NAME.matcher(name).matches()) {
            return path + "." + name;
        }
        return path + "[\"" + new String(JsonStringEncoder.getInstance().quoteAsString(name)) + "\"]";
    }
}
