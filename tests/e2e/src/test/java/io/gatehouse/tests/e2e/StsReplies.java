package io.gatehouse.tests.e2e;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the STS doubles share: the query protocol's form decoding and its XML answers and errors. */
final class StsReplies {

    /** The XML namespace of STS answers. */
    static final String NS = "https://sts.amazonaws.com/doc/2011-06-15/";

    private StsReplies() {
    }

    /** An STS {@code <ErrorResponse>} with the message escaped. */
    static void error(HttpExchange exchange, String requestId, int status, String code, String message)
            throws IOException {
        send(exchange, status, "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>" + code
                + "</Code><Message>" + xml(message) + "</Message></Error><RequestId>" + requestId
                + "</RequestId></ErrorResponse>");
    }

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static void send(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The parameters of a form-encoded query string or body, in order. */
    static Map<String, String> decode(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            values.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }
}
