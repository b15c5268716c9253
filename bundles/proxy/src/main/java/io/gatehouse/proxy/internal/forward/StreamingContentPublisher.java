package io.gatehouse.proxy.internal.forward;

import io.gatehouse.proxy.internal.error.ErrorCode;
import io.gatehouse.proxy.internal.error.GatewayException;
import io.gatehouse.proxy.internal.stream.ClientBody;
import io.gatehouse.proxy.internal.stream.PayloadCheck;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.http.async.SdkHttpContentPublisher;

/**
 * Streams a client's upload to the upstream client with back-pressure: it reads from the client's connection only
 * while the upstream connection asks for more, passes the bytes through a {@link PayloadCheck}, and always keeps the
 * last buffer back until the client's body has ended and the check passed. A failed check therefore aborts the
 * upstream request before its last byte was sent — the upstream never completes (stores) it. At most one read
 * buffer, the check's own state and one held-back buffer are in memory per call.
 */
public final class StreamingContentPublisher implements SdkHttpContentPublisher, UpstreamBody {

    /** Bytes read from the client at a time. */
    static final int READ_BYTES = 64 * 1024;

    private final ClientBody source;
    private final PayloadCheck check;
    private final long length;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private volatile GatewayException failure;
    // the rest is touched on the client connection's thread only
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private Subscriber<? super ByteBuffer> subscriber;
    private long demand;
    private boolean waiting;
    private boolean ended;
    private boolean done;

    /**
     * @param source the client's connection
     * @param check what the bytes must pass
     * @param length how many bytes the check hands on (the upstream Content-Length)
     */
    public StreamingContentPublisher(ClientBody source, PayloadCheck check, long length) {
        this.source = source;
        this.check = check;
        this.length = length;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public Optional<Long> contentLength() {
        return Optional.of(length);
    }

    @Override
    public Optional<byte[]> held() {
        return Optional.empty();
    }

    @Override
    public SdkHttpContentPublisher publisher() {
        return this;
    }

    @Override
    public Optional<GatewayException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void subscribe(Subscriber<? super ByteBuffer> s) {
        if (!subscribed.compareAndSet(false, true)) {
            // the client's bytes can be read once: a second attempt (a retry) cannot be served
            s.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            s.onError(new IllegalStateException("a streamed request body can be sent only once"));
            return;
        }
        source.execute(() -> {
            subscriber = s;
            s.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                    source.execute(() -> {
                        if (n <= 0) {
                            fail(new GatewayException(ErrorCode.INTERNAL, "invalid demand"));
                            return;
                        }
                        demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                        drain();
                    });
                }

                @Override
                public void cancel() {
                    source.execute(() -> {
                        done = true;
                        source.stop();
                    });
                }
            });
        });
    }

    private void drain() {
        try {
            while (!done) {
                // the last buffer is released only once the body ended and passed its check
                while (demand > 0 && (pending.size() > 1 || ended && !pending.isEmpty())) {
                    demand--;
                    subscriber.onNext(pending.poll());
                }
                if (ended && pending.isEmpty()) {
                    done = true;
                    subscriber.onComplete();
                    return;
                }
                if (demand == 0 || ended || waiting || !readMore()) {
                    return;
                }
            }
        } catch (GatewayException e) {
            fail(e);
        } catch (IOException e) {
            fail(new GatewayException(ErrorCode.INCOMPLETE_BODY, "The request body could not be read completely: "
                    + e.getClass().getSimpleName() + ". Nothing was stored."));
        } catch (RuntimeException e) {
            fail(new GatewayException(ErrorCode.INTERNAL, "The gateway failed while streaming the request body; "
                    + "nothing was stored."));
        }
    }

    /** @return true when something was read (or the end reached), false when waiting for the client */
    private boolean readMore() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(READ_BYTES);
        int n = source.read(buffer);
        if (n > 0) {
            buffer.flip();
            check.accept(buffer, pending::add);
            return true;
        }
        if (n < 0) {
            check.finish(pending::add);
            ended = true;
            return true;
        }
        waiting = true;
        source.awaitReadable(() -> {
            waiting = false;
            drain();
        });
        return false;
    }

    private void fail(GatewayException error) {
        if (done) {
            return;
        }
        done = true;
        failure = error;
        pending.clear();
        source.stop();
        subscriber.onError(error);
    }
}
