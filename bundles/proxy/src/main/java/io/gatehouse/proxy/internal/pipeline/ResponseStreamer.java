package io.gatehouse.proxy.internal.pipeline;

import io.gatehouse.proxy.internal.stream.StreamedResponseBody;
import io.gatehouse.proxy.internal.stream.StreamingScrubber;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

/**
 * Writes a streamed upstream answer to Undertow's non-blocking response channel with back-pressure: at most
 * {@link #IN_FLIGHT} upstream buffers are asked for ahead, and one more only once one was written to the client. Bytes pass the
 * {@link StreamingScrubber} first. When the upstream fails half-way the client connection is closed, so the client
 * sees a short body (never a complete-looking one). Runs on the connection's I/O thread.
 */
final class ResponseStreamer implements Subscriber<ByteBuffer> {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseStreamer.class);
    /** Upstream buffers asked for ahead of the client connection: a few, to keep both sides busy. */
    static final int IN_FLIGHT = 8;

    private final HttpServerExchange exchange;
    private final StreamingScrubber scrubber;
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private StreamSinkChannel channel;
    private Subscription subscription;
    private boolean upstreamDone;
    private boolean writing;
    private boolean closed;

    private ResponseStreamer(HttpServerExchange exchange, StreamingScrubber scrubber) {
        this.exchange = exchange;
        this.scrubber = scrubber;
    }

    /**
     * Starts relaying; the status and headers must be set already.
     *
     * @param exchange the client's exchange
     * @param body the upstream answer's body
     */
    static void stream(HttpServerExchange exchange, StreamedResponseBody body) {
        ResponseStreamer streamer = new ResponseStreamer(exchange, body.scrubber().orElse(null));
        streamer.channel = exchange.getResponseChannel();
        body.content().subscribe(streamer);
    }

    @Override
    public void onSubscribe(Subscription s) {
        exchange.getIoThread().execute(() -> {
            subscription = s;
            if (closed) {
                s.cancel();
            } else {
                s.request(IN_FLIGHT);
            }
        });
    }

    @Override
    public void onNext(ByteBuffer buffer) {
        exchange.getIoThread().execute(() -> {
            queue.add(scrubber == null ? buffer : scrubber.scrub(buffer));
            pump();
        });
    }

    @Override
    public void onError(Throwable error) {
        exchange.getIoThread().execute(() -> {
            LOG.warn("The upstream answer failed after {} was started; closing the client connection: {}",
                    exchange.getRequestPath(), error.toString());
            abort();
        });
    }

    @Override
    public void onComplete() {
        exchange.getIoThread().execute(() -> {
            upstreamDone = true;
            if (scrubber != null) {
                queue.add(scrubber.finish());
            }
            pump();
        });
    }

    private void pump() {
        if (closed || writing) {
            return;
        }
        try {
            while (!queue.isEmpty()) {
                ByteBuffer head = queue.peek();
                if (head.hasRemaining() && channel.write(head) == 0 && head.hasRemaining()) {
                    waitWritable();
                    return;
                }
                if (!head.hasRemaining()) {
                    queue.poll();
                    if (!upstreamDone) {
                        subscription.request(1);
                    }
                }
            }
            if (upstreamDone) {
                finish();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Writing the answer to the client failed", e);
            abort();
        }
    }

    private void waitWritable() {
        writing = true;
        channel.getWriteSetter().set(ready -> {
            ready.suspendWrites();
            writing = false;
            pump();
        });
        channel.resumeWrites();
    }

    private void finish() throws IOException {
        closed = true;
        channel.shutdownWrites();
        if (channel.flush()) {
            exchange.endExchange();
            return;
        }
        channel.getWriteSetter().set(ready -> {
            try {
                if (ready.flush()) {
                    ready.suspendWrites();
                    exchange.endExchange();
                }
            } catch (IOException e) {
                IoUtils.safeClose(exchange.getConnection());
            }
        });
        channel.resumeWrites();
    }

    private void abort() {
        if (closed) {
            return;
        }
        closed = true;
        if (subscription != null) {
            subscription.cancel();
        }
        queue.clear();
        IoUtils.safeClose(exchange.getConnection());
    }
}
