package io.gatehouse.proxy.internal.forward;

import io.gatehouse.proxy.internal.error.ErrorCode;
import io.gatehouse.proxy.internal.error.GatewayException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.http.async.SdkHttpContentPublisher;

/**
 * An upload verified completely before the upstream sees a byte of it: the checked (and, for aws-chunked, decoded)
 * bytes of a {@link StreamingContentPublisher} go to a private temporary file, and the upstream request starts only
 * once the whole body passed its check. Memory stays bounded (one buffer at a time); the disk holds the upload until
 * it was sent. For upstreams that store whatever part of an upload reached them (S3 emulators such as s3rver write
 * the object file as the bytes arrive), where aborting a streamed request would leave a partial object.
 */
final class SpooledUpload implements UpstreamBody, SdkHttpContentPublisher {

    private final StreamingContentPublisher source;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final Path file;
    private volatile GatewayException failure;

    SpooledUpload(StreamingContentPublisher source) {
        this.source = source;
        try {
            this.file = Files.createTempFile("gatehouse-upload-", ".spool"); // owner-only on POSIX
        } catch (IOException e) {
            throw new GatewayException(ErrorCode.INTERNAL, "The gateway cannot spool the upload; nothing was sent.");
        }
        source.subscribe(new Writer());
    }

    @Override
    public long length() {
        return source.length();
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
        return Optional.ofNullable(failure != null ? failure : source.failure().orElse(null));
    }

    @Override
    public CompletionStage<Void> ready() {
        return ready;
    }

    @Override
    public Optional<Long> contentLength() {
        return Optional.of(source.length());
    }

    @Override
    public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
        if (!ready.isDone() || ready.isCompletedExceptionally() || !subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new NoSubscription());
            subscriber.onError(new IllegalStateException("the spooled upload is not ready or was sent already"));
            return;
        }
        subscriber.onSubscribe(new Reader(subscriber));
    }

    @Override
    public void release() {
        delete();
    }

    private void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the temporary directory's own cleanup removes it
        }
    }

    /** Writes the checked bytes to the file, one buffer at a time. */
    private final class Writer implements Subscriber<ByteBuffer> {
        private FileChannel channel;
        private Subscription subscription;

        @Override
        public void onSubscribe(Subscription s) {
            try {
                channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException e) {
                s.cancel();
                fail(new GatewayException(ErrorCode.INTERNAL, "The gateway cannot spool the upload."));
                return;
            }
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(ByteBuffer buffer) {
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                subscription.request(1);
            } catch (IOException e) {
                subscription.cancel();
                fail(new GatewayException(ErrorCode.INTERNAL, "The gateway cannot spool the upload."));
            }
        }

        @Override
        public void onError(Throwable error) {
            fail(error instanceof GatewayException g ? g : new GatewayException(ErrorCode.INCOMPLETE_BODY,
                    "The request body could not be read completely."));
        }

        @Override
        public void onComplete() {
            try {
                channel.close();
                ready.complete(null);
            } catch (IOException e) {
                fail(new GatewayException(ErrorCode.INTERNAL, "The gateway cannot spool the upload."));
            }
        }

        private void fail(GatewayException error) {
            failure = error;
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // deleted next
            }
            delete();
            ready.completeExceptionally(error);
        }
    }

    /** Reads the file on demand. */
    private final class Reader implements Subscription {
        private final Subscriber<? super ByteBuffer> subscriber;
        private final FileChannel channel;
        private boolean done;
        private long demand;
        private boolean emitting;

        Reader(Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
            try {
                this.channel = FileChannel.open(file, StandardOpenOption.READ);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized void request(long n) {
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            if (emitting) {
                return;
            }
            emitting = true;
            try {
                while (demand > 0 && !done) {
                    ByteBuffer buffer = ByteBuffer.allocate(StreamingContentPublisher.READ_BYTES);
                    int read = channel.read(buffer);
                    if (read < 0) {
                        finish();
                        subscriber.onComplete();
                        return;
                    }
                    demand--;
                    buffer.flip();
                    subscriber.onNext(buffer);
                }
            } catch (IOException e) {
                finish();
                subscriber.onError(e);
            } finally {
                emitting = false;
            }
        }

        @Override
        public synchronized void cancel() {
            finish();
        }

        private void finish() {
            if (done) {
                return;
            }
            done = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // deleted next
            }
            delete();
        }
    }

    private static final class NoSubscription implements Subscription {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    }
}
