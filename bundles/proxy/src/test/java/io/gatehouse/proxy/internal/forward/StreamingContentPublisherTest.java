package io.gatehouse.proxy.internal.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.proxy.internal.error.GatewayException;
import io.gatehouse.proxy.internal.stream.ClientBody;
import io.gatehouse.proxy.internal.stream.PayloadCheck;
import io.gatehouse.proxy.internal.stream.Sha256Check;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The upload publisher between the client's connection and the upstream client: back-pressure, and a failed payload
 * check aborts before the upstream received the whole body (so it never completes the request).
 */
class StreamingContentPublisherTest {

    private final ExecutorService ioThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        ioThread.shutdownNow();
    }

    @Test
    void aBodyWithTheSignedHashArrivesCompleteAndInOrder() throws Exception {
        byte[] body = random(1_000_000);
        Upstream upstream = send(body, new Sha256Check(sha256(body)));

        assertThat(upstream.result.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(upstream.received.toByteArray()).isEqualTo(body);
    }

    @Test
    void aHashMismatchAbortsBeforeTheLastByteReachesTheUpstream() throws Exception {
        byte[] body = random(1_000_000);
        byte[] signed = body.clone();
        signed[999_999] ^= 1;
        Upstream upstream = send(body, new Sha256Check(sha256(signed)));

        Throwable error = upstream.result.handle((ok, e) -> e).get(10, TimeUnit.SECONDS);
        assertThat(error).isInstanceOf(GatewayException.class);
        assertThat(((GatewayException) error).code()).isEqualTo("XAmzContentSHA256Mismatch");
        assertThat(((GatewayException) error).status()).isEqualTo(400);
        assertThat(upstream.received.size()).as("the upstream never got the whole body").isLessThan(body.length);
        assertThat(upstream.publisher.failure()).containsSame((GatewayException) error);
    }

    @Test
    void readsOnlyWhileTheUpstreamAsksForMore() throws Exception {
        byte[] body = random(10 * StreamingContentPublisher.READ_BYTES);
        FakeClientBody client = new FakeClientBody(body, ioThread);
        StreamingContentPublisher publisher = new StreamingContentPublisher(client, PayloadCheck.none(),
                body.length);
        CompletableFuture<Subscription> subscription = new CompletableFuture<>();
        publisher.subscribe(new Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Subscription s) {
                subscription.complete(s);
            }

            @Override
            public void onNext(ByteBuffer b) {
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        });
        subscription.get(5, TimeUnit.SECONDS).request(2);
        Thread.sleep(200);
        // two buffers handed on plus the one held back: three reads, not the whole body
        assertThat(client.offset).isEqualTo(3L * StreamingContentPublisher.READ_BYTES);
    }

    private Upstream send(byte[] body, PayloadCheck check) {
        StreamingContentPublisher publisher = new StreamingContentPublisher(new FakeClientBody(body, ioThread),
                check, body.length);
        Upstream upstream = new Upstream(publisher);
        publisher.subscribe(upstream);
        return upstream;
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Like the Netty client: one buffer requested at a time. */
    private static final class Upstream implements Subscriber<ByteBuffer> {
        final StreamingContentPublisher publisher;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final CompletableFuture<Void> result = new CompletableFuture<>();
        Subscription subscription;

        Upstream(StreamingContentPublisher publisher) {
            this.publisher = publisher;
        }

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            received.writeBytes(bytes);
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(null);
        }
    }

    /** A client connection that has a few KiB available at a time, then nothing until "readable" again. */
    private static final class FakeClientBody implements ClientBody {
        private final byte[] body;
        private final ExecutorService ioThread;
        private final Random random = new Random(3);
        volatile long offset;

        FakeClientBody(byte[] body, ExecutorService ioThread) {
            this.body = body;
            this.ioThread = ioThread;
        }

        @Override
        public void execute(Runnable task) {
            ioThread.execute(task);
        }

        @Override
        public int read(ByteBuffer into) throws IOException {
            if (offset == body.length) {
                return -1;
            }
            if (random.nextInt(4) == 0) {
                return 0;
            }
            int n = (int) Math.min(into.remaining(), body.length - offset);
            into.put(body, (int) offset, n);
            offset += n;
            return n;
        }

        @Override
        public void awaitReadable(Runnable whenReadable) {
            ioThread.execute(whenReadable);
        }

        @Override
        public void stop() {
        }
    }
}
