package io.gatehouse.proxy.internal.forward;

import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.ResponseView;
import io.gatehouse.proxy.internal.error.ErrorCode;
import io.gatehouse.proxy.internal.error.GatewayException;
import io.gatehouse.proxy.internal.stream.StreamedResponseBody;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.SdkAsyncHttpResponseHandler;

/**
 * Turns an upstream response into a {@link ResponseView}. Successful GET answers whose body is larger than
 * {@link #STREAM_ABOVE_BYTES} (or of unknown length) — S3 objects, ranges included — are streamed: the view is
 * complete with the headers and its {@link StreamedResponseBody} relays the bytes with back-pressure. Every other
 * answer (errors, HEAD, JSON and XML documents) is collected, up to a limit, because scrubbing, masking and recording
 * work on complete documents.
 */
final class UpstreamResponseHandler implements SdkAsyncHttpResponseHandler {

    /** Successful GET answers larger than this are streamed. */
    static final long STREAM_ABOVE_BYTES = 256 * 1024;

    private final long maxBytes;
    private final boolean streamable;
    private final CompletableFuture<ResponseView> result = new CompletableFuture<>();
    private volatile SdkHttpResponse head;

    /**
     * @param maxBytes the largest answer collected
     * @param streamable whether a large successful answer may be streamed (GET requests)
     */
    UpstreamResponseHandler(long maxBytes, boolean streamable) {
        this.maxBytes = maxBytes;
        this.streamable = streamable;
    }

    CompletableFuture<ResponseView> result() {
        return result;
    }

    @Override
    public void onHeaders(SdkHttpResponse headers) {
        head = headers;
    }

    @Override
    public void onStream(Publisher<ByteBuffer> stream) {
        long length = head.firstMatchingHeader("Content-Length").filter(v -> v.matches("\\d{1,18}"))
                .map(Long::parseLong).orElse(-1L);
        if (streamable && head.isSuccessful() && (length < 0 || length > STREAM_ABOVE_BYTES)) {
            result.complete(view(new StreamedResponseBody(length, stream)));
            return;
        }
        stream.subscribe(new Collector());
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    private ResponseView view(Body body) {
        Headers.Builder headers = Headers.builder();
        head.headers().forEach((name, values) -> values.forEach(value -> headers.add(name, value)));
        return new ResponseView(head.statusCode(), headers.build(), body);
    }

    /** Reads the body; cancels the stream when it grows past the limit. */
    private final class Collector implements Subscriber<ByteBuffer> {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Subscription subscription;

        @Override
        public void onSubscribe(Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(ByteBuffer buffer) {
            if (bytes.size() + (long) buffer.remaining() > maxBytes) {
                subscription.cancel();
                result.completeExceptionally(new GatewayException(ErrorCode.RESPONSE_TOO_LARGE,
                        "The upstream answer is larger than the gateway's limit of " + maxBytes + " bytes."));
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            bytes.writeBytes(chunk);
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(view(Body.of(bytes.toByteArray())));
        }
    }
}
