package io.gatehouse.proxy.internal.stream;

import io.gatehouse.proxy.internal.error.ErrorCode;
import io.gatehouse.proxy.internal.error.GatewayException;
import io.gatehouse.proxy.internal.sigv4.SeedSignature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Verifies the signatures of an aws-chunked upload, each chained to the one before and the first to the request's
 * header signature (the seed). A chunk's string to sign is {@code AWS4-HMAC-SHA256-PAYLOAD}, the request time, the
 * credential scope, the previous signature, the hash of the empty string and the hash of the chunk's data; the
 * trailer's is {@code AWS4-HMAC-SHA256-TRAILER}, time, scope, previous signature and the hash of the trailer lines.
 */
public final class ChunkSignatureChain {

    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final HexFormat HEX = HexFormat.of();

    private final SeedSignature seed;
    private String previous;

    /** @param seed the verified request signature and its signing key */
    public ChunkSignatureChain(SeedSignature seed) {
        this.seed = seed;
        this.previous = seed.signature();
    }

    /**
     * @param data a chunk's data
     * @param signature the signature the client sent with it
     * @throws GatewayException {@code SignatureDoesNotMatch} when it is not the expected signature
     */
    public void verifyChunk(byte[] data, String signature) {
        verify("AWS4-HMAC-SHA256-PAYLOAD\n" + seed.requestTime() + "\n" + seed.credentialScope() + "\n" + previous
                + "\n" + EMPTY_SHA256 + "\n" + HEX.formatHex(Digests.sha256().digest(data)), signature);
    }

    /**
     * @param trailerLines the trailers as signed: {@code name:value\n} each
     * @param signature the {@code x-amz-trailer-signature}
     * @throws GatewayException {@code SignatureDoesNotMatch} when it is not the expected signature
     */
    public void verifyTrailer(String trailerLines, String signature) {
        verify("AWS4-HMAC-SHA256-TRAILER\n" + seed.requestTime() + "\n" + seed.credentialScope() + "\n" + previous
                + "\n" + HEX.formatHex(Digests.sha256().digest(trailerLines.getBytes(StandardCharsets.UTF_8))),
                signature);
    }

    /**
     * @param data a chunk's data
     * @return the signature the chain expects for it next (for tests and signing doubles)
     */
    public String signNextChunk(byte[] data) {
        String next = seed.sign("AWS4-HMAC-SHA256-PAYLOAD\n" + seed.requestTime() + "\n" + seed.credentialScope()
                + "\n" + previous + "\n" + EMPTY_SHA256 + "\n" + HEX.formatHex(Digests.sha256().digest(data)));
        previous = next;
        return next;
    }

    private void verify(String stringToSign, String signature) {
        String expected = seed.sign(stringToSign);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            throw new GatewayException(ErrorCode.CHUNK_SIGNATURE_MISMATCH, "The request signature we calculated "
                    + "does not match the signature you provided for a chunk of the aws-chunked body. The upload "
                    + "was aborted; nothing was stored.");
        }
        previous = signature;
    }
}
