package io.gatehouse.proxy.internal.stream;

import io.gatehouse.api.exchange.Body;
import java.io.InputStream;

/**
 * A body the gateway streams instead of holding: its length is known (or {@code -1}), its content is not readable
 * here. Adapters never need it; the forwarder and the listener move its bytes with back-pressure.
 */
public abstract class StreamedBody implements Body {

    private final long length;

    /** @param length the number of bytes, or {@code -1} when unknown */
    protected StreamedBody(long length) {
        this.length = length;
    }

    @Override
    public final long length() {
        return length;
    }

    @Override
    public final boolean isStreamed() {
        return true;
    }

    @Override
    public final InputStream openStream() {
        throw notHeld();
    }

    @Override
    public final byte[] bytes() {
        throw notHeld();
    }

    private static IllegalStateException notHeld() {
        return new IllegalStateException("This body is streamed through the gateway and not held; decode from the "
                + "method, path, query and headers.");
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + length + " bytes]";
    }
}
