package io.gatehouse.proxy.internal.forward;

import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.ResponseView;
import io.gatehouse.proxy.internal.error.ErrorCode;
import io.gatehouse.proxy.internal.error.GatewayException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.SdkAsyncHttpResponseHandler;

/**
 * Collects an upstream response, up to a limit, into a {@link ResponseView}. The whole answer is needed before it
 * is released because masking and recording work on complete documents; a later version streams large bodies.
 */
final class BufferingResponseHandler implements SdkAsyncHttpResponseHandler {

    private final long maxBytes;
    private final CompletableFuture<ResponseView> result = new CompletableFuture<>();
    private volatile SdkHttpResponse head;

    BufferingResponseHandler(long maxBytes) {
        this.maxBytes = maxBytes;
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
        stream.subscribe(new Collector());
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    private ResponseView view(byte[] body) {
        Headers.Builder headers = Headers.builder();
        head.headers().forEach((name, values) -> values.forEach(value -> headers.add(name, value)));
        return new ResponseView(head.statusCode(), headers.build(), Body.of(body));
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
            result.complete(view(bytes.toByteArray()));
        }
    }
}
