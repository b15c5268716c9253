package io.gatehouse.plugins.aws.support.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.api.adapter.DecodeException;
import java.util.Optional;

/**
 * Typed access to the members of a request object. A member that is absent or JSON {@code null} counts as
 * missing; a member of the wrong JSON type is a {@link DecodeException#SERIALIZATION} error, as AWS services treat it.
 * Every method takes the path of the object (empty for the root) so that messages point at the offending member.
 */
public final class Members {

    private Members() {
    }

    public static Optional<String> text(ObjectNode object, String name, String where) throws DecodeException {
        JsonNode node = member(object, name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw wrongType(where, name, "a string");
        }
        return Optional.of(node.textValue());
    }

    public static String requiredText(ObjectNode object, String name, String where) throws DecodeException {
        return text(object, name, where).orElseThrow(() -> missing(where, name));
    }

    public static Optional<ObjectNode> object(ObjectNode object, String name, String where) throws DecodeException {
        JsonNode node = member(object, name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw wrongType(where, name, "an object");
        }
        return Optional.of((ObjectNode) node);
    }

    public static ObjectNode requiredObject(ObjectNode object, String name, String where) throws DecodeException {
        return object(object, name, where).orElseThrow(() -> missing(where, name));
    }

    public static Optional<ArrayNode> array(ObjectNode object, String name, String where) throws DecodeException {
        JsonNode node = member(object, name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw wrongType(where, name, "a list");
        }
        return Optional.of((ArrayNode) node);
    }

    /** A list that must be present and hold at least one element. */
    public static ArrayNode requiredArray(ObjectNode object, String name, String where) throws DecodeException {
        ArrayNode array = array(object, name, where).orElseThrow(() -> missing(where, name));
        if (array.isEmpty()) {
            throw new DecodeException(DecodeException.VALIDATION, path(where, name) + " must not be empty");
        }
        return array;
    }

    /** The element at {@code index} of a list of objects. */
    public static ObjectNode element(ArrayNode array, int index, String where) throws DecodeException {
        JsonNode node = array.get(index);
        if (!node.isObject()) {
            throw new DecodeException(DecodeException.SERIALIZATION, where + "[" + index + "] must be an object");
        }
        return (ObjectNode) node;
    }

    public static String path(String where, String name) {
        return where.isEmpty() ? name : where + "." + name;
    }

    public static DecodeException missing(String where, String name) {
        return new DecodeException(DecodeException.VALIDATION, path(where, name) + " is required");
    }

    private static JsonNode member(ObjectNode object, String name) {
        JsonNode node = object.get(name);
        return node == null || node.isNull() ? null : node;
    }

    private static DecodeException wrongType(String where, String name, String type) {
        return new DecodeException(DecodeException.SERIALIZATION, path(where, name) + " must be " + type);
    }
}
