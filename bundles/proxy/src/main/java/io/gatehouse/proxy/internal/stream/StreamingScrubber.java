package io.gatehouse.proxy.internal.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Masks secrets (upstream access key ids, secrets, session tokens) in a byte stream that arrives in pieces split
 * anywhere. Each occurrence is overwritten in place with {@code *} of the same length, so a body's length — and its
 * {@code Content-Length} — never changes. Between pieces it keeps the last {@code longest secret - 1} bytes back: an
 * occurrence that straddles a boundary is complete, and masked, before any of its bytes are released. Not
 * thread-safe: one instance per stream.
 */
public final class StreamingScrubber {

    private static final byte MASK = '*';

    private final byte[][] secrets;
    private final int keep;
    private byte[] tail = new byte[0];
    private long masked;

    /** @param secrets the strings to mask (empty and null ones are ignored), as UTF-8 bytes */
    public StreamingScrubber(List<String> secrets) {
        this.secrets = secrets.stream().filter(Objects::nonNull).filter(s -> !s.isEmpty()).distinct()
                .map(s -> s.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        this.keep = Arrays.stream(this.secrets).mapToInt(s -> s.length - 1).max().orElse(0);
    }

    /**
     * @param piece the next bytes of the stream; consumed
     * @return the bytes that may be released now (possibly none), masked
     */
    public ByteBuffer scrub(ByteBuffer piece) {
        if (secrets.length == 0) {
            return piece;
        }
        byte[] window = new byte[tail.length + piece.remaining()];
        System.arraycopy(tail, 0, window, 0, tail.length);
        piece.get(window, tail.length, window.length - tail.length);
        mask(window);
        int release = Math.max(0, window.length - keep);
        tail = Arrays.copyOfRange(window, release, window.length);
        return ByteBuffer.wrap(window, 0, release).slice();
    }

    /** @return the bytes kept back, masked; the stream ended */
    public ByteBuffer finish() {
        ByteBuffer rest = ByteBuffer.wrap(tail);
        tail = new byte[0];
        return rest;
    }

    /** @return how many occurrences were masked so far */
    public long maskedCount() {
        return masked;
    }

    /**
     * Masks every secret in a complete body.
     *
     * @param body the bytes; changed in place
     * @param secrets the strings to mask
     * @return how many occurrences were masked
     */
    public static long maskAll(byte[] body, List<String> secrets) {
        StreamingScrubber scrubber = new StreamingScrubber(secrets);
        scrubber.mask(body);
        return scrubber.masked;
    }

    private void mask(byte[] window) {
        for (byte[] secret : secrets) {
            byte first = secret[0];
            int last = window.length - secret.length;
            for (int i = 0; i <= last; i++) {
                if (window[i] == first && matches(window, i, secret)) {
                    Arrays.fill(window, i, i + secret.length, MASK);
                    masked++;
                    i += secret.length - 1;
                }
            }
        }
    }

    private static boolean matches(byte[] window, int at, byte[] secret) {
        for (int j = 1; j < secret.length; j++) {
            if (window[at + j] != secret[j]) {
                return false;
            }
        }
        return true;
    }
}
