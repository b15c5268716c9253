package io.gatehouse.proxy.internal.forward;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a raw query string into decoded parameters, keeping their order and repeated names. Only percent-escapes
 * are decoded: a {@code +} stays a plus sign, as AWS reads it in SigV4-signed queries.
 */
public final class QueryString {

    /**
     * One parameter.
     *
     * @param name the decoded name
     * @param value the decoded value, null when the parameter has no {@code =}
     */
    public record Parameter(String name, String value) {
    }

    private QueryString() {
    }

    /**
     * @param rawQuery the query as sent, without {@code ?}; may be empty
     * @return the parameters in order
     * @throws IllegalArgumentException on a malformed percent-escape
     */
    public static List<Parameter> parse(String rawQuery) {
        List<Parameter> parameters = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            parameters.add(equals < 0 ? new Parameter(decode(pair), null)
                    : new Parameter(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1))));
        }
        return parameters;
    }

    /**
     * @param text percent-encoded text
     * @return the decoded UTF-8 text
     * @throws IllegalArgumentException on a malformed escape
     */
    public static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '%') {
                if (i + 2 >= text.length()) {
                    throw new IllegalArgumentException("truncated percent-escape in query");
                }
                out.write(hex(text.charAt(i + 1)) << 4 | hex(text.charAt(i + 2)));
                i += 3;
            } else {
                int next = text.indexOf('%', i);
                int end = next < 0 ? text.length() : next;
                out.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        int value = Character.digit(c, 16);
        if (value < 0) {
            throw new IllegalArgumentException("malformed percent-escape in query");
        }
        return value;
    }
}
