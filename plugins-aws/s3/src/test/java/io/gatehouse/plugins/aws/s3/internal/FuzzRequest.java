package io.gatehouse.plugins.aws.s3.internal;

import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import java.nio.charset.StandardCharsets;

/**
 * Reads a fuzz input as a request, so that seed files are readable HTTP-like text:
 * <pre>
 * METHOD
 * Host (an empty line: no Host header)
 * raw path
 * raw query
 * Name: value      (zero or more header lines)
 *                  (an empty line)
 * body
 * </pre>
 * Missing lines are empty. Any byte sequence is an input (read as UTF-8, malformed bytes replaced).
 */
final class FuzzRequest {

    private FuzzRequest() {
    }

    static RequestView parse(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        String method = line(lines, 0);
        String host = line(lines, 1);
        String rawPath = line(lines, 2);
        String rawQuery = line(lines, 3);
        Headers.Builder headers = Headers.builder();
        if (!host.isEmpty()) {
            headers.add("Host", host);
        }
        int i = 4;
        for (; i < lines.length && !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
            }
        }
        StringBuilder body = new StringBuilder();
        for (int b = i + 1; b < lines.length; b++) {
            body.append(b > i + 1 ? "\n" : "").append(lines[b]);
        }
        return new RequestView(method, rawPath, rawQuery, headers.build(),
                Body.of(body.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static String line(String[] lines, int index) {
        return index < lines.length ? lines[index] : "";
    }
}
