package io.gatehouse.proxy.internal.forward;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.reactivestreams.Subscriber;
import software.amazon.awssdk.http.async.SdkHttpContentPublisher;
import software.amazon.awssdk.utils.async.SimplePublisher;

/** Publishes a request body that Gatehouse holds completely, once per subscriber. */
final class ByteArrayContentPublisher implements SdkHttpContentPublisher {

    private final byte[] body;

    ByteArrayContentPublisher(byte[] body) {
        this.body = body;
    }

    @Override
    public Optional<Long> contentLength() {
        return Optional.of((long) body.length);
    }

    @Override
    public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
        SimplePublisher<ByteBuffer> publisher = new SimplePublisher<>();
        publisher.subscribe(subscriber);
        if (body.length > 0) {
            publisher.send(ByteBuffer.wrap(body).asReadOnlyBuffer());
        }
        publisher.complete();
    }
}
