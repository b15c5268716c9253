package io.gatehouse.proxy.internal.error;

import io.gatehouse.api.adapter.Protocol;
import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.api.exchange.ResponseView;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Shapes a {@link GatewayException} as the caller's protocol expects, so that AWS SDKs and the CLI print the code
 * and message: JSON protocols get {@code {"__type": ..., "message": ...}}, the others an XML {@code <Error>}.
 */
public final class ErrorRenderer {

    private static final String JSON_TYPE_PREFIX = "com.amazon.coral.service#";

    private ErrorRenderer() {
    }

    /**
     * Guesses the protocol of a request before any adapter has looked at it.
     *
     * @param request the client's request
     * @return JSON 1.0/1.1 when the request names its action in {@code X-Amz-Target}, else REST-XML
     */
    public static Protocol guessProtocol(RequestView request) {
        if (!request.headers().contains("x-amz-target")) {
            return request.headers().first("content-type").orElse("").startsWith("application/x-www-form-urlencoded")
                    ? Protocol.QUERY : Protocol.REST_XML;
        }
        String contentType = request.headers().first("content-type").orElse("");
        return contentType.contains("1.1") ? Protocol.AWS_JSON_1_1 : Protocol.AWS_JSON_1_0;
    }

    /**
     * @param error the refusal
     * @param protocol the caller's protocol
     * @return the response to send
     */
    public static ResponseView render(GatewayException error, Protocol protocol) {
        String requestId = UUID.randomUUID().toString();
        String body = protocol.isJson() ? json(error) : xml(error, protocol, requestId);
        Headers headers = Headers.builder()
                .set("content-type", protocol.errorContentType())
                .set("x-amzn-errortype", error.code())
                .set("x-amzn-requestid", requestId)
                .build();
        return new ResponseView(error.status(), headers, Body.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String json(GatewayException error) {
        return "{\"__type\":\"" + JSON_TYPE_PREFIX + jsonEscape(error.code()) + "\",\"message\":\""
                + jsonEscape(error.getMessage()) + "\"}";
    }

    private static String xml(GatewayException error, Protocol protocol, String requestId) {
        String inner = "<Error><Type>" + (error.status() >= 500 ? "Receiver" : "Sender") + "</Type><Code>"
                + xmlEscape(error.code()) + "</Code><Message>" + xmlEscape(error.getMessage()) + "</Message></Error>";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + (protocol == Protocol.QUERY
                ? "<ErrorResponse>" + inner + "<RequestId>" + requestId + "</RequestId></ErrorResponse>"
                : inner.replace("</Error>", "<RequestId>" + requestId + "</RequestId></Error>"));
    }

    static String jsonEscape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 || c == '<' || c == '>' || c == '&'
                        ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }

    static String xmlEscape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
