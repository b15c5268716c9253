package io.gatehouse.plugins.aws.json.internal;

import io.gatehouse.plugins.aws.support.json.StrictJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.adapter.Protocol;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a service table (the JSON format of {@code services/*.json}, described in the README) and checks it
 * completely before anything is registered: unknown keys, unknown resource types, patterns that do not compile,
 * templates with unknown placeholders and duplicate actions make the whole table invalid, so that a typo can never
 * turn into an operation decoded without its resources.
 */
final class ServiceTableReader {

    private static final Set<String> TABLE_KEYS = Set.of("description", "service", "protocol", "target", "ranking",
            "resourceTypes", "operations", "parameters", "counts");
    private static final Set<String> TYPE_KEYS = Set.of("description", "forms", "qualifier");
    private static final Set<String> FORM_KEYS = Set.of("description", "match", "arn");
    private static final Set<String> OPERATION_KEYS = Set.of("action", "http", "body", "resources");
    private static final Set<String> RULE_KEYS = Set.of("type", "from", "optional", "qualifier");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(partition|region|account|service|[0-9])}");
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9-]{2,64}");
    private static final Pattern ACTION = Pattern.compile("[A-Z][A-Za-z0-9]{1,127}");
    private static final Pattern MEMBER = Pattern.compile("[A-Za-z0-9_-]+(\\[])?|\\{[A-Za-z0-9_-]+}|\\?[A-Za-z0-9_-]+"
            + "|@[A-Za-z0-9-]+");

    private final StrictJson json = new StrictJson(16);

    /**
     * @param bytes the table file
     * @param source where it comes from, for messages
     * @return the checked table
     * @throws IllegalArgumentException when the table is not valid, saying where
     */
    ServiceTable read(byte[] bytes, String source) {
        ObjectNode root;
        try {
            root = json.readObject(bytes, "Service table " + source);
        } catch (DecodeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        try {
            return table(root, source);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Service table " + source + ": " + e.getMessage(), e);
        }
    }

    private ServiceTable table(ObjectNode root, String source) {
        keys(root, TABLE_KEYS, "the table");
        String service = matching(text(root, "service"), SERVICE, "service");
        Protocol protocol = protocol(text(root, "protocol"));
        String target = root.has("target") ? text(root, "target") : null;
        if ((protocol == Protocol.REST_JSON) != (target == null)) {
            throw new IllegalArgumentException("'target' (the X-Amz-Target prefix) is required for JSON protocols and "
                    + "not allowed for REST_JSON");
        }
        Map<String, ResourceType> types = resourceTypes(object(root, "resourceTypes"));
        List<Operation> operations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode node : array(root, "operations")) {
            Operation operation = operation(node, types, protocol == Protocol.REST_JSON);
            if (target != null && !seen.add(operation.action())) {
                throw new IllegalArgumentException("action " + operation.action() + " is listed twice");
            }
            operations.add(operation);
        }
        JsonNode ranking = root.path("ranking");
        if (!ranking.isMissingNode() && !ranking.isInt()) {
            throw new IllegalArgumentException("'ranking' must be an integer");
        }
        return new ServiceTable(source, service, protocol, target, operations, memberMap(root, "parameters", false),
                memberMap(root, "counts", true), ranking.asInt(0));
    }

    private Map<String, ResourceType> resourceTypes(ObjectNode node) {
        Map<String, ResourceType> types = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            ObjectNode type = asObject(entry.getValue(), "resource type " + entry.getKey());
            keys(type, TYPE_KEYS, "resource type " + entry.getKey());
            List<ResourceType.Form> forms = new ArrayList<>();
            for (JsonNode form : array(type, "forms")) {
                ObjectNode formObject = asObject(form, "a form of " + entry.getKey());
                keys(formObject, FORM_KEYS, "a form of " + entry.getKey());
                forms.add(new ResourceType.Form(pattern(text(formObject, "match")), template(text(formObject, "arn"))));
            }
            if (forms.isEmpty()) {
                throw new IllegalArgumentException("resource type " + entry.getKey() + " has no forms");
            }
            Pattern qualifier = type.has("qualifier") ? pattern(text(type, "qualifier")) : null;
            types.put(entry.getKey(), new ResourceType(entry.getKey(), forms, qualifier));
        }
        return types;
    }

    private Operation operation(JsonNode node, Map<String, ResourceType> types, boolean rest) {
        ObjectNode object = asObject(node, "an operation");
        keys(object, OPERATION_KEYS, "operation " + object.path("action").asText());
        String action = matching(text(object, "action"), ACTION, "action");
        if (rest != object.has("http")) {
            throw new IllegalArgumentException("operation " + action + ": 'http' (\"METHOD /path\") is required for "
                    + "REST_JSON and not allowed for JSON protocols");
        }
        Route route = rest ? Route.parse(text(object, "http")) : null;
        String body = object.has("body") ? text(object, "body") : "json";
        if (!body.equals("json") && !body.equals("opaque")) {
            throw new IllegalArgumentException("operation " + action + ": body is 'json' or 'opaque', not " + body);
        }
        List<ResourceRule> rules = new ArrayList<>();
        if (object.has("resources")) {
            for (JsonNode rule : array(object, "resources")) {
                rules.add(rule(rule, types, action));
            }
        }
        return new Operation(action, route, body.equals("opaque"), rules);
    }

    private ResourceRule rule(JsonNode node, Map<String, ResourceType> types, String action) {
        ObjectNode object = asObject(node, "a resource of " + action);
        keys(object, RULE_KEYS, "a resource of " + action);
        ResourceType type = types.get(text(object, "type"));
        if (type == null) {
            throw new IllegalArgumentException(action + " names unknown resource type " + text(object, "type"));
        }
        List<String> from = new ArrayList<>();
        for (JsonNode member : array(object, "from")) {
            from.add(member(member.asText(), action));
        }
        if (from.isEmpty() || from.size() > 1 && from.stream().anyMatch(m -> m.endsWith("[]"))) {
            throw new IllegalArgumentException(action + ": 'from' needs one or more members; a list member "
                    + "(Names[]) must be alone");
        }
        String qualifier = object.has("qualifier") ? member(text(object, "qualifier"), action) : null;
        if (qualifier != null && type.qualifier() == null) {
            throw new IllegalArgumentException(action + ": type " + type.name() + " has no qualifier pattern");
        }
        JsonNode optional = object.path("optional");
        if (!optional.isMissingNode() && !optional.isBoolean()) {
            throw new IllegalArgumentException(action + ": 'optional' must be true or false");
        }
        return new ResourceRule(type, from, optional.asBoolean(false), qualifier);
    }

    private Map<String, String> memberMap(ObjectNode root, String key, boolean lists) {
        Map<String, String> map = new LinkedHashMap<>();
        if (root.has(key)) {
            for (Map.Entry<String, JsonNode> entry : object(root, key).properties()) {
                String ref = lists ? entry.getValue().asText() : member(entry.getKey(), key);
                if (lists != ref.endsWith("[]")) {
                    throw new IllegalArgumentException(key + ": " + ref + (lists ? " must be a list member (Name[])"
                            : " must be a single member; count lists under 'counts'"));
                }
                if (!entry.getValue().isTextual()) {
                    throw new IllegalArgumentException(key + ": the value of " + entry.getKey() + " must be a string");
                }
                map.put(lists ? entry.getKey() : ref, lists ? member(ref, key) : entry.getValue().asText());
            }
        }
        return map;
    }

    private static String member(String reference, String where) {
        if (!MEMBER.matcher(reference).matches()) {
            throw new IllegalArgumentException(where + ": '" + reference + "' is not a member reference "
                    + "(Name, Names[], {Name}, ?Name or @Header-Name)");
        }
        return reference;
    }

    private static Protocol protocol(String name) {
        return switch (name) {
            case "AWS_JSON_1_0" -> Protocol.AWS_JSON_1_0;
            case "AWS_JSON_1_1" -> Protocol.AWS_JSON_1_1;
            case "REST_JSON" -> Protocol.REST_JSON;
            default -> throw new IllegalArgumentException("protocol is AWS_JSON_1_0, AWS_JSON_1_1 or REST_JSON, not "
                    + name);
        };
    }

    private static Pattern pattern(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid pattern " + regex + ": " + e.getDescription(), e);
        }
    }

    private static String template(String template) {
        String rest = PLACEHOLDER.matcher(template).replaceAll("");
        if (rest.contains("{") || rest.contains("}")) {
            throw new IllegalArgumentException("ARN template " + template + " has an unknown placeholder; use "
                    + "{partition}, {region}, {account}, {service} or {0}..{9}");
        }
        return template;
    }

    private static String matching(String value, Pattern pattern, String what) {
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' must match " + pattern);
        }
        return value;
    }

    private static void keys(ObjectNode object, Set<String> allowed, String where) {
        for (String name : (Iterable<String>) object::fieldNames) {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(where + " has unknown key '" + name + "'; allowed: " + allowed);
            }
        }
    }

    private static String text(ObjectNode object, String key) {
        JsonNode node = object.get(key);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("'" + key + "' must be a string");
        }
        return node.textValue();
    }

    private static ObjectNode object(ObjectNode object, String key) {
        return asObject(object.get(key), "'" + key + "'");
    }

    private static ObjectNode asObject(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(what + " must be an object");
        }
        return (ObjectNode) node;
    }

    private static Iterable<JsonNode> array(ObjectNode object, String key) {
        JsonNode node = object.get(key);
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("'" + key + "' must be a list");
        }
        return node;
    }
}
