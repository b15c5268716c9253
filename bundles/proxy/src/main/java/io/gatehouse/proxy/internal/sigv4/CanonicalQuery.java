package io.gatehouse.proxy.internal.sigv4;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The canonical query string of a SigV4 canonical request: every parameter's name and value percent-decoded and
 * URI-encoded again, sorted by encoded name, then encoded value, and joined as {@code name=value} with {@code &}.
 * A parameter without {@code =} has an empty value; empty pieces ({@code a=1&&b=2}) are skipped.
 */
final class CanonicalQuery {

    private static final Comparator<Map.Entry<String, String>> ORDER =
            Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue());

    private CanonicalQuery() {
    }

    /**
     * @param rawQuery the query string as sent, without {@code ?}; may be empty
     * @return the canonical query string, empty when there are no parameters
     */
    static String of(String rawQuery) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        for (String piece : rawQuery.split("&")) {
            if (!piece.isEmpty()) {
                parameters.add(encoded(piece));
            }
        }
        parameters.sort(ORDER);
        StringBuilder out = new StringBuilder(rawQuery.length() + 16);
        for (Map.Entry<String, String> parameter : parameters) {
            out.append(out.length() == 0 ? "" : "&").append(parameter.getKey()).append('=')
                    .append(parameter.getValue());
        }
        return out.toString();
    }

    private static Map.Entry<String, String> encoded(String piece) {
        int equals = piece.indexOf('=');
        String name = equals < 0 ? piece : piece.substring(0, equals);
        String value = equals < 0 ? "" : piece.substring(equals + 1);
        return Map.entry(canonical(name), canonical(value));
    }

    private static String canonical(String component) {
        return PercentEncoding.encode(PercentEncoding.decode(component), false);
    }
}
