package io.gatehouse.proxy.internal.sigv4;

import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the raw HTTP requests of the AWS SigV4 test suite ({@code .req}, {@code .sreq}): a request line whose target
 * may contain spaces, header lines where a line starting with whitespace continues the previous value (kept as one
 * value with an embedded newline, as an HTTP server that keeps obs-fold would hand it over), then an optional body
 * after an empty line.
 */
final class RawHttpRequest {

    private RawHttpRequest() {
    }

    static RequestView parse(String raw) {
        String[] headAndBody = raw.split("\n\n", 2);
        String[] lines = headAndBody[0].split("\n");
        String requestLine = lines[0];
        String method = requestLine.substring(0, requestLine.indexOf(' '));
        String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(' '));
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? "" : target.substring(question + 1);
        byte[] body = headAndBody.length > 1 ? headAndBody[1].getBytes(StandardCharsets.UTF_8) : new byte[0];
        return new RequestView(method, path, query, headers(lines), Body.of(body));
    }

    private static Headers headers(String[] lines) {
        List<Map.Entry<String, StringBuilder>> fields = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (Character.isWhitespace(line.charAt(0))) {
                fields.get(fields.size() - 1).getValue().append('\n').append(line);
            } else {
                int colon = line.indexOf(':');
                fields.add(Map.entry(line.substring(0, colon), new StringBuilder(line.substring(colon + 1).strip())));
            }
        }
        Headers.Builder headers = Headers.builder();
        fields.forEach(field -> headers.add(field.getKey(), field.getValue().toString()));
        return headers.build();
    }
}
