package io.gatehouse.proxy.internal.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An incremental decoder of the S3 {@code aws-chunked} content encoding. It does no I/O: it is fed byte buffers split
 * anywhere and reports each complete chunk, each trailer and the end to its {@link Listener}. It is strict:
 *
 * <pre>
 * chunk   = hex-size [";chunk-signature=" 64*lower-hex] CRLF data CRLF       (signature iff signed)
 * final   = "0" [";chunk-signature=" 64*lower-hex] CRLF
 * body    = *chunk final ( CRLF | *trailer [trailer-signature] CRLF )         (trailers iff declared)
 * trailer = lower-case-name ":" printable-value CRLF
 * </pre>
 *
 * A chunk's data is held until it is complete (its signature covers all of it), so chunks are limited to
 * {@code maxChunkBytes}; header lines and the trailer block have fixed limits. Any deviation — a bare LF, an upper-case
 * signature, a size with a sign or leading spaces, bytes after the end — is an {@link AwsChunkedException}.
 */
public final class AwsChunkedDecoder {

    /** Receives what the decoder found, in order. */
    public interface Listener {
        /**
         * A complete chunk; the final chunk has no data.
         *
         * @param data the chunk's data (owned by the listener)
         * @param signature its {@code chunk-signature}, or {@code null} for unsigned encodings
         */
        void chunk(byte[] data, String signature);

        /**
         * A trailer after the final chunk, such as {@code x-amz-checksum-crc32}.
         *
         * @param name lower-case name
         * @param value its value
         */
        void trailer(String name, String value);

        /**
         * The {@code x-amz-trailer-signature} that ends a signed trailer block.
         *
         * @param signature 64 lower-case hex digits
         */
        void trailerSignature(String signature);

        /** The body ended correctly. */
        void end();
    }

    /** The longest chunk-size line accepted (size, extension and signature). */
    static final int MAX_LINE_BYTES = 256;
    /** The largest trailer block accepted. */
    static final int MAX_TRAILER_BYTES = 4096;

    private static final Pattern SIGNED_SIZE = Pattern.compile("([0-9a-fA-F]{1,8});chunk-signature=([0-9a-f]{64})");
    private static final Pattern UNSIGNED_SIZE = Pattern.compile("[0-9a-fA-F]{1,8}");
    private static final Pattern TRAILER = Pattern.compile("([a-z0-9][a-z0-9-]{0,63}):([\\x21-\\x7e]{1,512})");
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";

    private enum State { SIZE_LINE, DATA, DATA_CR, DATA_LF, FINAL_CR, FINAL_LF, TRAILER_LINE, END }

    private final boolean signed;
    private final boolean trailers;
    private final int maxChunkBytes;
    private final Listener listener;
    private final byte[] line = new byte[MAX_LINE_BYTES + 2];
    private int lineLength;
    private boolean sawCr;
    private int trailerBytes;
    private boolean sawTrailerSignature;
    private State state = State.SIZE_LINE;
    private byte[] data;
    private int dataFilled;
    private String signature;

    /**
     * @param signed chunks carry {@code chunk-signature} extensions ({@code STREAMING-AWS4-HMAC-SHA256-*})
     * @param trailers trailers follow the final chunk ({@code *-TRAILER} forms)
     * @param maxChunkBytes the largest chunk accepted
     * @param listener receives the chunks, trailers and end
     */
    public AwsChunkedDecoder(boolean signed, boolean trailers, int maxChunkBytes, Listener listener) {
        this.signed = signed;
        this.trailers = trailers;
        this.maxChunkBytes = maxChunkBytes;
        this.listener = listener;
    }

    /**
     * Decodes the next bytes of the body.
     *
     * @param input bytes following those fed before; consumed completely
     * @throws AwsChunkedException when the bytes break the grammar or a limit
     */
    public void feed(ByteBuffer input) throws AwsChunkedException {
        while (input.hasRemaining()) {
            switch (state) {
                case SIZE_LINE, TRAILER_LINE -> lineByte(input.get());
                case DATA -> {
                    int n = Math.min(input.remaining(), data.length - dataFilled);
                    input.get(data, dataFilled, n);
                    dataFilled += n;
                    if (dataFilled == data.length) {
                        state = State.DATA_CR;
                    }
                }
                case DATA_CR -> expect(input.get(), '\r', State.DATA_LF, "CR after the chunk data");
                case DATA_LF -> {
                    expect(input.get(), '\n', State.SIZE_LINE, "LF after the chunk data");
                    byte[] chunk = data;
                    data = null;
                    listener.chunk(chunk, signature);
                }
                case FINAL_CR -> expect(input.get(), '\r', State.FINAL_LF, "CRLF after the final chunk");
                case FINAL_LF -> {
                    expect(input.get(), '\n', State.END, "CRLF after the final chunk");
                    listener.end();
                }
                case END -> throw new AwsChunkedException("The aws-chunked body continues after its final chunk.");
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    /**
     * Declares the body complete.
     *
     * @throws AwsChunkedException when the body ended before its final chunk (and trailers)
     */
    public void finish() throws AwsChunkedException {
        if (state != State.END) {
            throw new AwsChunkedException("The aws-chunked body ended before its final chunk was complete.");
        }
    }

    /** @return true once the final chunk (and trailers) were read */
    public boolean ended() {
        return state == State.END;
    }

    private void expect(byte actual, char wanted, State next, String what) throws AwsChunkedException {
        if (actual != wanted) {
            throw new AwsChunkedException("The aws-chunked body lacks the " + what + ".");
        }
        state = next;
    }

    private void lineByte(byte b) throws AwsChunkedException {
        if (sawCr) {
            if (b != '\n') {
                throw new AwsChunkedException("A CR inside an aws-chunked header line is not followed by LF.");
            }
            sawCr = false;
            String text = new String(line, 0, lineLength, StandardCharsets.US_ASCII);
            lineLength = 0;
            if (state == State.SIZE_LINE) {
                sizeLine(text);
            } else {
                trailerLine(text);
            }
            return;
        }
        if (b == '\r') {
            sawCr = true;
            return;
        }
        if (b == '\n') {
            throw new AwsChunkedException("A bare LF ends an aws-chunked header line; lines end with CRLF.");
        }
        if (lineLength == MAX_LINE_BYTES) {
            throw new AwsChunkedException("An aws-chunked header line is longer than " + MAX_LINE_BYTES + " bytes.");
        }
        if (state == State.TRAILER_LINE && ++trailerBytes > MAX_TRAILER_BYTES) {
            throw new AwsChunkedException("The aws-chunked trailers are longer than " + MAX_TRAILER_BYTES + " bytes.");
        }
        line[lineLength++] = b;
    }

    private void sizeLine(String text) throws AwsChunkedException {
        Matcher m = (signed ? SIGNED_SIZE : UNSIGNED_SIZE).matcher(text);
        if (!m.matches()) {
            throw new AwsChunkedException(signed
                    ? "An aws-chunked size line is not 'hex-size;chunk-signature=<64 lower-case hex>'."
                    : "An aws-chunked size line is not a hex size.");
        }
        long size = Long.parseLong(signed ? m.group(1) : text, 16);
        signature = signed ? m.group(2) : null;
        if (size > maxChunkBytes) {
            throw new AwsChunkedException.TooLarge("An aws-chunked chunk of " + size + " bytes is larger than the "
                    + "gateway's limit of " + maxChunkBytes + " bytes per chunk.");
        }
        if (size > 0) {
            data = new byte[(int) size];
            dataFilled = 0;
            state = State.DATA;
            return;
        }
        listener.chunk(new byte[0], signature);
        state = trailers ? State.TRAILER_LINE : State.FINAL_CR;
    }

    private void trailerLine(String text) throws AwsChunkedException {
        if (text.isEmpty()) {
            if (signed && !sawTrailerSignature) {
                throw new AwsChunkedException("The signed aws-chunked trailers lack x-amz-trailer-signature.");
            }
            state = State.END;
            listener.end();
            return;
        }
        if (sawTrailerSignature) {
            throw new AwsChunkedException("x-amz-trailer-signature must be the last trailer.");
        }
        Matcher m = TRAILER.matcher(text);
        if (!m.matches()) {
            throw new AwsChunkedException("An aws-chunked trailer is not 'lower-case-name:value'.");
        }
        if (TRAILER_SIGNATURE.equals(m.group(1))) {
            if (!signed || !m.group(2).matches("[0-9a-f]{64}")) {
                throw new AwsChunkedException("Unexpected or malformed x-amz-trailer-signature.");
            }
            sawTrailerSignature = true;
            listener.trailerSignature(m.group(2));
            return;
        }
        listener.trailer(m.group(1), m.group(2));
    }
}
