package io.gatehouse.tests.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The upstream double between Gatehouse and dynalite. It recomputes every request's SigV4 signature
 * with the one upstream key it knows ({@link SigV4Check}, the AWS SDK's own signer — no code shared
 * with the gateway's verifier), answers a mismatch with an AWS-shaped 403 as AWS would, forwards
 * verified requests to dynalite and records everything it saw.
 */
final class SigningUpstream implements AutoCloseable {

    /** Headers a client may not set on a JDK HttpClient request, or that belong to one hop only. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "date", "expect", "from",
            "host", "upgrade", "via", "warning", "keep-alive", "transfer-encoding", "te", "trailer");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client;
    private final URI target;
    private volatile SigV4Check check;
    private final List<SeenRequest> seen = new CopyOnWriteArrayList<>();

    private SigningUpstream(HttpServer server, ExecutorService executor, URI target, SigV4Check check) {
        this.server = server;
        this.executor = executor;
        this.target = target;
        this.check = check;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Starts the double on 127.0.0.1 and a free port.
     *
     * @param target where verified requests go (dynalite)
     * @param upstreamKey the only key whose signatures it accepts
     */
    static SigningUpstream start(URI target, AccessKey upstreamKey) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            ExecutorService executor = Executors.newFixedThreadPool(8);
            server.setExecutor(executor);
            SigningUpstream upstream = new SigningUpstream(server, executor, target, new SigV4Check(upstreamKey));
            server.createContext("/", upstream::handle);
            server.start();
            return upstream;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the signing upstream", e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * From now on, verifies signatures with the key {@code keys} returns for a request's access key id (null: an
     * unknown key, refused) instead of the one upstream key, e.g. temporary credentials an STS double issues.
     */
    SigningUpstream verifyWith(Function<String, AccessKey> keys) {
        check = new SigV4Check(keys);
        return this;
    }

    /** Everything received since start, in arrival order. */
    List<SeenRequest> requests() {
        return List.copyOf(seen);
    }

    int count() {
        return seen.size();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = readBody(exchange.getRequestBody());
            SigV4Check.Verdict verdict = check.verify(exchange.getRequestMethod(), exchange.getRequestURI(),
                    exchange.getRequestHeaders(), body);
            seen.add(new SeenRequest(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    verdict.accessKeyId(), headers(exchange), verdict.verified(), verdict.problem()));
            if (verdict.verified()) {
                forward(exchange, body);
            } else {
                reject(exchange, verdict);
            }
        } catch (RuntimeException e) {
            // An answer, not a dropped connection: the gateway's behaviour on it is not what is tested here.
            exchange.sendResponseHeaders(500, -1);
            throw e;
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(30));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        }
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        if ("HEAD".equals(exchange.getRequestMethod())) {
            // a HEAD answer states the length of the GET answer without a body (S3 HeadObject)
            response.headers().firstValue("content-length")
                    .ifPresent(length -> exchange.getResponseHeaders().set("Content-Length", length));
        }
        send(exchange, response.statusCode(), response.body());
    }

    private void reject(HttpExchange exchange, SigV4Check.Verdict verdict) throws IOException {
        byte[] body = JSON.writeValueAsBytes(Map.of("__type", "com.amazon.coral.service#" + verdict.errorCode(),
                "message", "Upstream double refused the request: " + verdict.problem()));
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        exchange.getResponseHeaders().set("x-amzn-ErrorType", verdict.errorCode());
        send(exchange, verdict.status(), body);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        return headers;
    }

    /** One request as the upstream received it. */
    record SeenRequest(String method, String uri, String accessKeyId, Map<String, List<String>> headers,
            boolean verified, String problem) {

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** Every header value, for scans ("the client's key id occurs nowhere"). */
        String allHeaderText() {
            StringBuilder text = new StringBuilder();
            headers.forEach((name, values) -> text.append(name).append(": ").append(values).append('\n'));
            return text.toString();
        }

        @Override
        public String toString() {
            return method + " " + uri + " key=" + accessKeyId + " target=" + header("X-Amz-Target")
                    + (verified ? " verified" : " REFUSED: " + problem);
        }
    }
}
