package io.gatehouse.proxy.internal.pipeline;

import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.api.exchange.ResponseView;
import io.gatehouse.proxy.internal.error.ErrorCode;
import io.gatehouse.proxy.internal.error.ErrorRenderer;
import io.gatehouse.proxy.internal.error.GatewayException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.SameThreadExecutor;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.gatehouse.proxy.internal.stream.StreamedRequestBody;
import io.gatehouse.proxy.internal.stream.StreamedResponseBody;
import java.nio.ByteBuffer;
import java.util.regex.Pattern;
import java.util.Locale;
import java.util.Set;

/**
 * The listen stage on Undertow: reads the request body without blocking (bounded by the configured limit), runs the
 * {@link Pipeline} and writes the answer on the connection's I/O thread when it is ready. Every stage before
 * forwarding is short CPU work and nothing in it may block; only requests with large bodies, whose decoding takes
 * long enough to hold up the other connections of that I/O thread, are decided on a worker thread.
 * <p>
 * S3 uploads ({@code PUT} in the {@code s3} scope) larger than {@link #INLINE_BODY_BYTES} or in an aws-chunked
 * {@code STREAMING-*} form are not read here: the pipeline runs on the headers and the body stays on the connection
 * until the forwarder asks for it ({@link UndertowClientBody}). Large successful upstream answers are written as
 * they arrive ({@link ResponseStreamer}).
 */
public final class ProxyHandler implements HttpHandler {

    /** Response headers that describe the upstream connection, not the answer. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "te", "trailer", "upgrade", "proxy-authenticate", "proxy-connection");

    /** Bodies up to this size are decided on the I/O thread: a worker hand-off costs more than their decoding. */
    static final int INLINE_BODY_BYTES = 64 * 1024;

    /** Credential scopes of S3: {@code Credential=KEY/yyyyMMdd/REGION/s3/aws4_request}. */
    private static final Pattern S3_SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/[^/,\\s]+/s3/aws4_request");

    private final Pipeline pipeline;
    private final long maxBodyBytes;
    private final long maxStreamedBytes;
    private final boolean verifyUploadsFirst;

    /**
     * @param pipeline the stages after listen
     * @param maxBodyBytes the largest request body held
     * @param maxStreamedBytes the largest request body streamed (S3 uploads)
     * @param verifyUploadsFirst spool streamed uploads and verify them completely before forwarding
     */
    public ProxyHandler(Pipeline pipeline, long maxBodyBytes, long maxStreamedBytes, boolean verifyUploadsFirst) {
        this.pipeline = pipeline;
        this.maxBodyBytes = maxBodyBytes;
        this.maxStreamedBytes = maxStreamedBytes;
        this.verifyUploadsFirst = verifyUploadsFirst;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (streamed(exchange)) {
            stream(exchange);
            return;
        }
        if (exchange.getRequestContentLength() > maxBodyBytes) {
            refuse(exchange, new GatewayException(ErrorCode.REQUEST_TOO_LARGE, "The request body of "
                    + exchange.getRequestContentLength() + " bytes exceeds the gateway's limit of " + maxBodyBytes
                    + " bytes."));
            return;
        }
        exchange.getRequestReceiver().receiveFullBytes(
                (ex, body) -> ex.dispatch(body.length > INLINE_BODY_BYTES ? ex.getConnection().getWorker()
                        : SameThreadExecutor.INSTANCE, () -> process(ex, body)),
                (ex, error) -> refuse(ex, error instanceof RequestTooBigException
                        ? new GatewayException(ErrorCode.REQUEST_TOO_LARGE, "The request body exceeds the gateway's "
                                + "limit of " + maxBodyBytes + " bytes.")
                        : new GatewayException(400, "IncompleteBody", "The request body could not be read.")));
    }

    /**
     * @return true for S3 uploads that are large, of unknown length or aws-chunked: small bodies and every other
     *         service keep the held path (their adapters decode from the body)
     */
    static boolean streamed(HttpServerExchange exchange) {
        if (!Methods.PUT.equals(exchange.getRequestMethod())) {
            return false;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !S3_SCOPE.matcher(authorization).find()) {
            return false;
        }
        String payload = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
        long length = exchange.getRequestContentLength();
        return length < 0 && exchange.getRequestHeaders().contains(io.undertow.util.Headers.TRANSFER_ENCODING)
                || length > INLINE_BODY_BYTES || payload != null && payload.startsWith("STREAMING-");
    }

    private void stream(HttpServerExchange exchange) {
        long length = exchange.getRequestContentLength();
        if (length < 0) {
            refuse(exchange, new GatewayException(ErrorCode.MISSING_CONTENT_LENGTH, "You must provide the "
                    + "Content-Length HTTP header for an upload; chunked transfer encoding is not accepted."));
            return;
        }
        if (length > maxStreamedBytes) {
            refuse(exchange, new GatewayException(ErrorCode.REQUEST_TOO_LARGE, "The upload of " + length
                    + " bytes exceeds the gateway's limit of " + maxStreamedBytes + " bytes."));
            return;
        }
        exchange.setMaxEntitySize(length);
        RequestView request = requestView(exchange, new StreamedRequestBody(length,
                new UndertowClientBody(exchange), verifyUploadsFirst));
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> process(exchange, request));
    }

    private void process(HttpServerExchange exchange, byte[] body) {
        process(exchange, requestView(exchange, body));
    }

    private void process(HttpServerExchange exchange, RequestView request) {
        // Answers are written on the connection's own I/O thread: completing an exchange from a foreign thread
        // (the upstream client's event loop) makes Undertow run its next-request handling there.
        pipeline.handle(request, new UndertowClientConnection(exchange)).whenComplete((response, error) ->
                exchange.getIoThread().execute(() -> write(exchange, response)));
    }

    private static RequestView requestView(HttpServerExchange exchange, byte[] body) {
        return requestView(exchange, Body.of(body));
    }

    private static RequestView requestView(HttpServerExchange exchange, Body body) {
        Headers.Builder headers = Headers.builder();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            String name = values.getHeaderName().toString();
            values.forEach(value -> headers.add(name, value));
        }
        String rawPath = exchange.getRequestURI();
        return new RequestView(exchange.getRequestMethod().toString().toUpperCase(Locale.ROOT),
                rawPath.isEmpty() ? "/" : rawPath, exchange.getQueryString(), headers.build(), body);
    }

    private static void refuse(HttpServerExchange exchange, GatewayException error) {
        RequestView request = requestView(exchange, new byte[0]);
        write(exchange, ErrorRenderer.render(error, ErrorRenderer.guessProtocol(request)));
    }

    private static void write(HttpServerExchange exchange, ResponseView response) {
        exchange.setStatusCode(response.status());
        response.headers().asMap().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name)) {
                exchange.getResponseHeaders().putAll(HttpString.tryFromString(name), values);
            }
        });
        if (response.body() instanceof StreamedResponseBody streamed) {
            if (streamed.length() >= 0) {
                exchange.setResponseContentLength(streamed.length());
            }
            ResponseStreamer.stream(exchange, streamed);
            return;
        }
        byte[] body = response.body().bytes();
        if (Methods.HEAD.equals(exchange.getRequestMethod())) {
            // a HEAD answer has no body but states the length of the GET answer (S3 HeadObject's ContentLength)
            exchange.setResponseContentLength(headLength(response, body.length));
            exchange.endExchange();
            return;
        }
        exchange.setResponseContentLength(body.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    private static long headLength(ResponseView response, long fallback) {
        return response.headers().first("content-length").filter(value -> value.matches("\\d{1,18}"))
                .map(Long::parseLong).orElse(fallback);
    }
}
