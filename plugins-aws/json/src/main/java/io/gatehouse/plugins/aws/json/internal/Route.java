package io.gatehouse.plugins.aws.json.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The method and path template of a REST-JSON operation, e.g. {@code POST /2015-03-31/functions/{FunctionName}/invocations}.
 * A {@code {Name}} segment matches exactly one non-empty path segment; other segments match literally, so
 * {@code /2015-03-31/functions/} (an empty last segment) and {@code /2015-03-31/functions/{FunctionName}} never
 * match the same path.
 *
 * @param method the HTTP method, upper case
 * @param segments the template split at {@code /}, first segment (before the leading slash) dropped
 */
record Route(String method, List<String> segments) {

    Route {
        segments = List.copyOf(segments);
    }

    /** Parses {@code "METHOD /path/{Var}"}. */
    static Route parse(String text) {
        String[] parts = text.trim().split(" ", 2);
        if (parts.length != 2 || !parts[1].startsWith("/")) {
            throw new IllegalArgumentException("a route is 'METHOD /path', not '" + text + "'");
        }
        return new Route(parts[0], List.of(parts[1].substring(1).split("/", -1)));
    }

    /**
     * @param requestMethod the request's method
     * @param path the request's path segments, each percent-decoded once
     * @return the path variables when the request matches this route
     */
    Optional<Map<String, String>> match(String requestMethod, List<String> path) {
        if (!method.equals(requestMethod) || path.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (isVariable(segment)) {
                if (path.get(i).isEmpty()) {
                    return Optional.empty();
                }
                variables.put(segment.substring(1, segment.length() - 1), path.get(i));
            } else if (!segment.equals(path.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(variables);
    }

    static boolean isVariable(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }

    @Override
    public String toString() {
        return method + " /" + String.join("/", segments);
    }
}
