package io.gatehouse.api.exchange;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The content of a request or response. Bodies that Gatehouse has read completely (bounded by the configured
 * limits) are exposed as bytes. Large S3 object bodies are streamed through the gateway instead of being held: such a
 * body says so with {@link #isStreamed()}, knows its {@link #length()} (or {@code -1}) and refuses {@link #bytes()}
 * and {@link #openStream()} with an {@link IllegalStateException}. Adapters decode from the method, path, query,
 * headers and small bodies only, and never need a streamed one.
 *
 * @since 1.0
 */
public interface Body {

    /** @return the number of bytes in the body */
    long length();

    /** @return a fresh stream over the whole body */
    InputStream openStream();

    /** @return a copy of the whole body */
    byte[] bytes();

    /**
     * @return {@code true} when the gateway streams this body instead of holding it: its content cannot be read
     *         here, {@link #bytes()} and {@link #openStream()} throw {@link IllegalStateException}
     * @since 1.2
     */
    default boolean isStreamed() {
        return false;
    }

    /** @return the body decoded as UTF-8 */
    default String utf8() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /** @return a body with no content */
    static Body empty() {
        return of(new byte[0]);
    }

    /**
     * @param bytes the content; copied
     * @return an immutable body over a copy of the bytes
     */
    static Body of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return new Body() {
            @Override
            public long length() {
                return copy.length;
            }

            @Override
            public InputStream openStream() {
                return new ByteArrayInputStream(copy);
            }

            @Override
            public byte[] bytes() {
                return copy.clone();
            }

            @Override
            public boolean equals(Object other) {
                return other instanceof Body && Arrays.equals(((Body) other).bytes(), copy);
            }

            @Override
            public int hashCode() {
                return Arrays.hashCode(copy);
            }

            @Override
            public String toString() {
                return "Body[" + copy.length + " bytes]";
            }
        };
    }
}
