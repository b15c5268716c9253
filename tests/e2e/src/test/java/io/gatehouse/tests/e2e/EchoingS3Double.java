package io.gatehouse.tests.e2e;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An S3 double that echoes what a careless upstream would: {@code GET /BUCKET/error} answers 403 SignatureDoesNotMatch
 * with the diagnostic elements S3 sends (AWSAccessKeyId, StringToSign, StringToSignBytes, CanonicalRequest,
 * CanonicalRequestBytes, SignatureProvided) filled from the request's own Authorization header; {@code GET /BUCKET/big}
 * answers a large object whose bytes contain the caller's access key id at {@link #KEY_OFFSETS}.
 */
final class EchoingS3Double implements AutoCloseable {

    static final int BIG_LENGTH = 3 * 1024 * 1024;
    static final int[] KEY_OFFSETS = {65530, 1_048_570, 2_000_001};
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/,\\s]+)/([^,\\s]+), ?SignedHeaders=([^,\\s]+), ?Signature=([0-9a-f]{64})");

    private final LoopbackHttpServer server;

    private EchoingS3Double() {
        this.server = LoopbackHttpServer.start("the echoing S3 double", this::answer);
    }

    static EchoingS3Double start() {
        return new EchoingS3Double();
    }

    URI endpoint() {
        return server.endpoint();
    }

    /** The object {@code /b/big} holds for a caller with this access key id. */
    static byte[] bigObject(String accessKeyId) {
        byte[] body = new byte[BIG_LENGTH];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        byte[] key = accessKeyId.getBytes(StandardCharsets.US_ASCII);
        for (int offset : KEY_OFFSETS) {
            System.arraycopy(key, 0, body, offset, key.length);
        }
        return body;
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        Matcher auth = AUTHORIZATION.matcher(authorization);
        if (!auth.find()) {
            send(exchange, 400, "<Error><Code>NoAuth</Code></Error>".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String path = exchange.getRequestURI().getRawPath();
        if (path.endsWith("/big")) {
            send(exchange, 200, bigObject(auth.group(1)));
            return;
        }
        String amzDate = exchange.getRequestHeaders().getFirst("X-Amz-Date");
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + auth.group(2) + "\n" + "ab".repeat(32);
        String canonical = "GET\n" + path + "\n\nhost:" + exchange.getRequestHeaders().getFirst("Host") + "\n\n"
                + auth.group(3) + "\nUNSIGNED-PAYLOAD";
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SignatureDoesNotMatch</Code>"
                + "<Message>The request signature we calculated does not match the signature you provided.</Message>"
                + "<AWSAccessKeyId>" + auth.group(1) + "</AWSAccessKeyId>"
                + "<StringToSign>" + stringToSign + "</StringToSign>"
                + "<SignatureProvided>" + auth.group(4) + "</SignatureProvided>"
                + "<StringToSignBytes>" + bytes(stringToSign) + "</StringToSignBytes>"
                + "<CanonicalRequest>" + canonical + "</CanonicalRequest>"
                + "<CanonicalRequestBytes>" + bytes(canonical) + "</CanonicalRequestBytes>"
                + "<RequestId>ECHO1</RequestId><HostId>echo</HostId></Error>";
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        send(exchange, 403, xml.getBytes(StandardCharsets.UTF_8));
    }

    private static String bytes(String text) {
        return HexFormat.ofDelimiter(" ").formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
