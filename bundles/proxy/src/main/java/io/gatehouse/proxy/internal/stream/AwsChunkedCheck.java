package io.gatehouse.proxy.internal.stream;

import io.gatehouse.proxy.internal.error.ErrorCode;
import io.gatehouse.proxy.internal.error.GatewayException;
import io.gatehouse.proxy.internal.sigv4.SeedSignature;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Decodes an aws-chunked upload and checks it while it streams: every chunk signature (signed forms) before the
 * chunk's data is handed on, the decoded length against {@code x-amz-decoded-content-length}, the declared trailers
 * and their signature, and the CRC32/CRC32C/SHA-1/SHA-256 trailing checksums. What it hands on is the decoded
 * payload. A trailing checksum of another algorithm is refused when the chunks are unsigned (nothing would protect
 * the data) and accepted when every chunk was signed.
 */
public final class AwsChunkedCheck implements PayloadCheck {

    /** The largest chunk held for verification. */
    public static final int MAX_CHUNK_BYTES = 8 * 1024 * 1024;

    private final AwsChunkedDecoder decoder;
    private final ChunkSignatureChain chain;
    private final long decodedLength;
    private final Set<String> declaredTrailers;
    private final List<TrailerChecksum> checksums = new ArrayList<>();
    private final Map<String, String> trailers = new LinkedHashMap<>();
    private Consumer<ByteBuffer> output;
    private long decoded;

    /**
     * @param seed the request's verified signature, or empty for {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}
     * @param withTrailers whether trailers follow the final chunk
     * @param decodedLength the declared {@code x-amz-decoded-content-length}
     * @param declaredTrailers the trailer names the request declared in {@code x-amz-trailer}
     * @throws GatewayException when an unsigned upload declares a checksum the gateway cannot verify
     */
    public AwsChunkedCheck(Optional<SeedSignature> seed, boolean withTrailers, long decodedLength,
                           Set<String> declaredTrailers) {
        this.chain = seed.map(ChunkSignatureChain::new).orElse(null);
        this.decodedLength = decodedLength;
        this.declaredTrailers = Set.copyOf(declaredTrailers);
        for (String name : declaredTrailers) {
            Optional<TrailerChecksum> checksum = TrailerChecksum.forTrailer(name);
            if (checksum.isPresent()) {
                checksums.add(checksum.get());
            } else if (chain == null) {
                throw new GatewayException(ErrorCode.NOT_IMPLEMENTED, "The trailer " + name + " of an unsigned "
                        + "aws-chunked upload cannot be verified by the gateway; use a CRC32, CRC32C, SHA1 or SHA256 "
                        + "checksum or sign the chunks.");
            }
        }
        this.decoder = new AwsChunkedDecoder(chain != null, withTrailers, MAX_CHUNK_BYTES, new Listener());
    }

    @Override
    public void accept(ByteBuffer input, Consumer<ByteBuffer> output) {
        this.output = output;
        try {
            decoder.feed(input);
        } catch (AwsChunkedException e) {
            throw refusal(e);
        }
    }

    @Override
    public void finish(Consumer<ByteBuffer> output) {
        try {
            decoder.finish();
        } catch (AwsChunkedException e) {
            throw refusal(e);
        }
        if (decoded != decodedLength) {
            throw malformed("The aws-chunked body decodes to " + decoded + " bytes, not the " + decodedLength
                    + " of x-amz-decoded-content-length.");
        }
        if (!trailers.keySet().equals(declaredTrailers)) {
            throw malformed("The aws-chunked trailers " + trailers.keySet() + " are not the declared x-amz-trailer "
                    + declaredTrailers + ".");
        }
        for (TrailerChecksum checksum : checksums) {
            if (!checksum.value().equals(trailers.get(checksum.name()))) {
                throw new GatewayException(ErrorCode.BAD_DIGEST, "The " + checksum.name() + " you specified did "
                        + "not match the calculated checksum. Nothing was stored.");
            }
        }
    }

    private static GatewayException refusal(AwsChunkedException e) {
        return new GatewayException(e instanceof AwsChunkedException.TooLarge ? ErrorCode.CHUNK_TOO_LARGE
                : ErrorCode.MALFORMED_CHUNKED_BODY, e.getMessage());
    }

    private static GatewayException malformed(String message) {
        return new GatewayException(ErrorCode.MALFORMED_CHUNKED_BODY, message);
    }

    private final class Listener implements AwsChunkedDecoder.Listener {
        @Override
        public void chunk(byte[] data, String signature) {
            if (chain != null) {
                chain.verifyChunk(data, signature);
            }
            if (decoded + data.length > decodedLength) {
                throw malformed("The aws-chunked body is longer than x-amz-decoded-content-length " + decodedLength
                        + ".");
            }
            decoded += data.length;
            checksums.forEach(checksum -> checksum.update(data));
            if (data.length > 0) {
                output.accept(ByteBuffer.wrap(data));
            }
        }

        @Override
        public void trailer(String name, String value) {
            if (!declaredTrailers.contains(name) || trailers.putIfAbsent(name, value) != null) {
                throw malformed("The aws-chunked trailer " + name + " was not declared in x-amz-trailer or is "
                        + "repeated.");
            }
        }

        @Override
        public void trailerSignature(String signature) {
            StringBuilder lines = new StringBuilder();
            trailers.forEach((name, value) -> lines.append(name).append(':').append(value).append('\n'));
            chain.verifyTrailer(lines.toString(), signature);
        }

        @Override
        public void end() {
        }
    }
}
