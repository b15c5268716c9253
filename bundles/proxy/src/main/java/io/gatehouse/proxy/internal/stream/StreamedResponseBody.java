package io.gatehouse.proxy.internal.stream;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.reactivestreams.Publisher;

/** A large upstream answer (an S3 object) relayed as it arrives, optionally through a {@link StreamingScrubber}. */
public final class StreamedResponseBody extends StreamedBody {

    private final Publisher<ByteBuffer> content;
    private final StreamingScrubber scrubber;

    /**
     * @param length the upstream Content-Length, or {@code -1}
     * @param content the upstream bytes, with back-pressure
     */
    public StreamedResponseBody(long length, Publisher<ByteBuffer> content) {
        this(length, content, null);
    }

    private StreamedResponseBody(long length, Publisher<ByteBuffer> content, StreamingScrubber scrubber) {
        super(length);
        this.content = content;
        this.scrubber = scrubber;
    }

    /** @return the upstream bytes */
    public Publisher<ByteBuffer> content() {
        return content;
    }

    /** @return the scrubber the bytes pass through before the client sees them */
    public Optional<StreamingScrubber> scrubber() {
        return Optional.ofNullable(scrubber);
    }

    /**
     * @param scrubber masks secrets (same length: the Content-Length stays right)
     * @return the same content, scrubbed
     */
    public StreamedResponseBody scrubbedBy(StreamingScrubber scrubber) {
        return new StreamedResponseBody(length(), content, scrubber);
    }
}
