package io.gatehouse.plugins.aws.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.exchange.Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values a table's member references point at in one request: {@code Name} (a body member),
 * {@code Names[]} (each element of a body list), {@code {Name}} (a path variable), {@code ?Name} (a query
 * parameter) and {@code @Header-Name} (a header). A member that is absent or JSON null counts as absent; a
 * member of the wrong JSON type is a {@link DecodeException#SERIALIZATION} error, as in the AWS services.
 */
final class RequestMembers {

    private final ObjectNode body;
    private final Map<String, String> path;
    private final Map<String, String> query;
    private final Headers headers;

    RequestMembers(ObjectNode body, Map<String, String> path, Map<String, String> query, Headers headers) {
        this.body = body;
        this.path = path;
        this.query = query;
        this.headers = headers;
    }

    /** One value and where it came from. */
    record Value(String where, String text) {
    }

    /** @return the string values the reference names, in request order (empty when absent) */
    List<Value> strings(String reference) throws DecodeException {
        if (reference.endsWith("[]")) {
            return list(reference.substring(0, reference.length() - 2));
        }
        Optional<String> text = scalarText(reference, true);
        return text.isEmpty() ? List.of() : List.of(new Value(where(reference), text.get()));
    }

    /** @return the value of a scalar member as text (integers in decimal, booleans as true/false) */
    Optional<String> scalar(String reference) throws DecodeException {
        return scalarText(reference, false);
    }

    /** @return the number of elements of a body list, empty when absent */
    Optional<Integer> count(String reference) throws DecodeException {
        String name = reference.substring(0, reference.length() - 2);
        JsonNode node = member(name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw new DecodeException(DecodeException.SERIALIZATION, name + " must be a list");
        }
        return Optional.of(node.size());
    }

    private List<Value> list(String name) throws DecodeException {
        JsonNode node = member(name);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new DecodeException(DecodeException.SERIALIZATION, name + " must be a list");
        }
        List<Value> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw new DecodeException(DecodeException.SERIALIZATION, name + "[" + i + "] must be a string");
            }
            values.add(new Value(name + "[" + i + "]", node.get(i).textValue()));
        }
        return values;
    }

    private Optional<String> scalarText(String reference, boolean stringOnly) throws DecodeException {
        char kind = reference.charAt(0);
        if (kind == '{') {
            return Optional.ofNullable(path.get(reference.substring(1, reference.length() - 1)));
        }
        if (kind == '?') {
            return Optional.ofNullable(query.get(reference.substring(1)));
        }
        if (kind == '@') {
            List<String> values = headers.all(reference.substring(1));
            if (values.size() > 1) {
                throw new DecodeException(DecodeException.VALIDATION, "Header " + reference.substring(1)
                        + " is given " + values.size() + " times; give it once");
            }
            return values.stream().findFirst();
        }
        JsonNode node = member(reference);
        if (node == null) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return Optional.of(node.textValue());
        }
        if (!stringOnly && node.isIntegralNumber()) {
            return Optional.of(node.bigIntegerValue().toString());
        }
        if (!stringOnly && node.isBoolean()) {
            return Optional.of(Boolean.toString(node.booleanValue()));
        }
        throw new DecodeException(DecodeException.SERIALIZATION, reference + " must be "
                + (stringOnly ? "a string" : "a string, an integer or a boolean"));
    }

    private JsonNode member(String name) {
        JsonNode node = body.get(name);
        return node == null || node.isNull() ? null : node;
    }

    private static String where(String reference) {
        return switch (reference.charAt(0)) {
            case '{' -> "Path parameter " + reference.substring(1, reference.length() - 1);
            case '?' -> "Query parameter " + reference.substring(1);
            case '@' -> "Header " + reference.substring(1);
            default -> reference;
        };
    }
}
