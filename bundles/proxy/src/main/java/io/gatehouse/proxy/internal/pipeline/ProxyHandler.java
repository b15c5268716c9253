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
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Set;

/**
 * The listen stage on Undertow: reads the request body without blocking (bounded by the configured limit), runs the
 * {@link Pipeline} and writes the answer on the connection's I/O thread when it is ready. Every stage before
 * forwarding is short CPU work and nothing in it may block; only requests with large bodies, whose decoding takes
 * long enough to hold up the other connections of that I/O thread, are decided on a worker thread.
 */
public final class ProxyHandler implements HttpHandler {

    /** Response headers that describe the upstream connection, not the answer. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "te", "trailer", "upgrade", "proxy-authenticate", "proxy-connection");

    /** Bodies up to this size are decided on the I/O thread: a worker hand-off costs more than their decoding. */
    static final int INLINE_BODY_BYTES = 64 * 1024;

    private final Pipeline pipeline;
    private final long maxBodyBytes;

    /**
     * @param pipeline the stages after listen
     * @param maxBodyBytes the largest request body accepted
     */
    public ProxyHandler(Pipeline pipeline, long maxBodyBytes) {
        this.pipeline = pipeline;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
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

    private void process(HttpServerExchange exchange, byte[] body) {
        RequestView request = requestView(exchange, body);
        // Answers are written on the connection's own I/O thread: completing an exchange from a foreign thread
        // (the upstream client's event loop) makes Undertow run its next-request handling there.
        pipeline.handle(request, new UndertowClientConnection(exchange)).whenComplete((response, error) ->
                exchange.getIoThread().execute(() -> write(exchange, response)));
    }

    private static RequestView requestView(HttpServerExchange exchange, byte[] body) {
        Headers.Builder headers = Headers.builder();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            String name = values.getHeaderName().toString();
            values.forEach(value -> headers.add(name, value));
        }
        String rawPath = exchange.getRequestURI();
        return new RequestView(exchange.getRequestMethod().toString().toUpperCase(Locale.ROOT),
                rawPath.isEmpty() ? "/" : rawPath, exchange.getQueryString(), headers.build(), Body.of(body));
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
