package io.gatehouse.proxy.internal.sigv4;

import io.gatehouse.api.exchange.Headers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The canonical headers block of a SigV4 canonical request: one {@code name:value} line for each signed header, in
 * the (sorted) order of {@code SignedHeaders}. A header's values are trimmed, inner runs of whitespace collapsed to
 * one space, and multiple values joined with {@code ,} in order of arrival. A folded multi-line value counts as one
 * value per line, as in the AWS test suite ({@code value1\n  value2} becomes {@code value1,value2}).
 */
final class CanonicalHeaders {

    private CanonicalHeaders() {
    }

    /**
     * @param headers the request headers
     * @param signedHeaders the lower-case, sorted names to include
     * @return the first signed header the request does not carry, if any
     */
    static Optional<String> firstAbsent(Headers headers, List<String> signedHeaders) {
        return signedHeaders.stream().filter(name -> !headers.contains(name)).findFirst();
    }

    /**
     * @param headers the request headers; must carry every signed header
     * @param signedHeaders the lower-case, sorted names to include
     * @return the canonical header lines, each ending with a newline
     * @throws IllegalArgumentException when a signed header is absent
     */
    static String of(Headers headers, List<String> signedHeaders) {
        StringBuilder out = new StringBuilder(256);
        for (String name : signedHeaders) {
            List<String> values = headers.all(name);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("signed header '" + name + "' is absent");
            }
            out.append(name).append(':');
            appendValues(out, values);
            out.append('\n');
        }
        return out.toString();
    }

    private static void appendValues(StringBuilder out, List<String> values) {
        List<String> parts = new ArrayList<>(values.size());
        for (String value : values) {
            if (value.indexOf('\n') < 0) {
                parts.add(collapse(value));
            } else {
                Arrays.stream(value.split("\r?\n")).map(CanonicalHeaders::collapse).filter(line -> !line.isEmpty())
                        .forEach(parts::add);
            }
        }
        out.append(String.join(",", parts));
    }

    /** Trims and collapses runs of whitespace to single spaces, as the AWS SDKs do. */
    static String collapse(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean pendingSpace = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isWhitespace(c)) {
                pendingSpace = out.length() > 0;
            } else {
                out.append(pendingSpace ? " " : "").append(c);
                pendingSpace = false;
            }
        }
        return out.toString();
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\u000b' || c == '\f' || c == '\r' || c == '\n';
    }
}
