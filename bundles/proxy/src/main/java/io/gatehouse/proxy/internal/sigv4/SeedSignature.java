package io.gatehouse.proxy.internal.sigv4;

import java.util.Objects;

/**
 * A verified request signature and what continuing it needs: aws-chunked uploads sign every chunk with the same
 * signing key, chained from this "seed" signature; hex payload hashes of streamed bodies are checked at their end.
 * Never printed with its key.
 */
public final class SeedSignature {

    private final String requestTime;
    private final String credentialScope;
    private final String signature;
    private final byte[] signingKey;
    private final String payloadHash;

    SeedSignature(String requestTime, String credentialScope, String signature, byte[] signingKey,
                  String payloadHash) {
        this.requestTime = Objects.requireNonNull(requestTime);
        this.credentialScope = Objects.requireNonNull(credentialScope);
        this.signature = Objects.requireNonNull(signature);
        this.signingKey = signingKey.clone();
        this.payloadHash = Objects.requireNonNull(payloadHash);
    }

    /**
     * For tests: a seed built from a secret and an authorization.
     *
     * @param secretAccessKey the client's secret
     * @param authorization the scope and the seed signature
     * @param requestTime the request time as signed
     * @param payloadHash the value of {@code x-amz-content-sha256}
     * @return the seed
     */
    public static SeedSignature of(String secretAccessKey, SigV4Authorization authorization, String requestTime,
                                   String payloadHash) {
        return new SeedSignature(requestTime, authorization.credentialScope(), authorization.signature(),
                SignatureCalculator.signingKey(secretAccessKey, authorization), payloadHash);
    }

    /** @return the request time as signed, {@code yyyyMMdd'T'HHmmss'Z'} */
    public String requestTime() {
        return requestTime;
    }

    /** @return {@code date/region/service/aws4_request} */
    public String credentialScope() {
        return credentialScope;
    }

    /** @return the request's header signature, the seed of the chunk signature chain */
    public String signature() {
        return signature;
    }

    /** @return the payload hash the canonical request ended with ({@code x-amz-content-sha256}) */
    public String payloadHash() {
        return payloadHash;
    }

    /**
     * @param stringToSign a string to sign with this request's signing key
     * @return its signature, 64 lower-case hex digits
     */
    public String sign(String stringToSign) {
        return SignatureCalculator.signature(signingKey, stringToSign);
    }

    @Override
    public String toString() {
        return "SeedSignature[" + requestTime + ", " + credentialScope + "]";
    }
}
