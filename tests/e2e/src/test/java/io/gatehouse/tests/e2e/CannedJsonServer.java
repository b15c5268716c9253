package io.gatehouse.tests.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;

/**
 * Stands in for AWS services no emulator exists for (Secrets Manager, SSM, KMS, CloudWatch Logs, Lambda): a JDK
 * HttpServer on 127.0.0.1 that answers fixed JSON, chosen by {@code X-Amz-Target} (JSON 1.1) or by
 * {@code "METHOD /path"} (REST-JSON). It sits behind the {@link SigningUpstream}, which checks every signature
 * first. Anything it does not know gets a 400 {@code UnknownOperationException}.
 */
final class CannedJsonServer implements AutoCloseable {

    /** One canned answer. */
    record Answer(String contentType, String body, Map<String, String> headers) {

        static Answer json11(String body) {
            return new Answer("application/x-amz-json-1.1", body, Map.of());
        }

        static Answer restJson(String body, Map<String, String> headers) {
            return new Answer("application/json", body, headers);
        }
    }

    private final Map<String, Answer> answers;
    private final LoopbackHttpServer server;

    private CannedJsonServer(Map<String, Answer> answers) {
        this.answers = Map.copyOf(answers);
        this.server = LoopbackHttpServer.start("the canned JSON server", this::handle);
    }

    /**
     * @param answers keyed by the X-Amz-Target value or by {@code "METHOD /raw/path"} (without the query)
     */
    static CannedJsonServer start(Map<String, Answer> answers) {
        return new CannedJsonServer(answers);
    }

    URI endpoint() {
        return server.endpoint();
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String key = target != null ? target
                    : exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
            Answer answer = answers.get(key);
            int status = 200;
            if (answer == null) {
                status = 400;
                answer = new Answer("application/x-amz-json-1.1",
                        "{\"__type\":\"UnknownOperationException\",\"message\":\"no canned answer for " + key + "\"}",
                        Map.of("x-amzn-ErrorType", "UnknownOperationException"));
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.getResponseHeaders().set("x-amzn-RequestId", "canned-" + System.nanoTime());
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
