package io.gatehouse.proxy.internal.stream;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The request body still on the client's connection, read without blocking. Every method runs on the connection's
 * own thread ({@link #execute(Runnable)} gets there).
 */
public interface ClientBody {

    /** @param task work to run on the connection's thread */
    void execute(Runnable task);

    /**
     * @param into where to read
     * @return bytes read, {@code 0} when none are available now, {@code -1} at the end of the body
     * @throws IOException when the connection failed or the body is shorter than announced
     */
    int read(ByteBuffer into) throws IOException;

    /** @param whenReadable runs once (on the connection's thread) when more can be read */
    void awaitReadable(Runnable whenReadable);

    /** Stops reading: the body will not be consumed further. */
    void stop();
}
