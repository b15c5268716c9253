package io.gatehouse.proxy.internal.sigv4;

import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.proxy.internal.sigv4.SigV4Exception.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies the AWS Signature Version 4 of a request a client sent: rebuilds the canonical request over exactly the
 * headers the client listed in {@code SignedHeaders}, with the client's request time and credential scope, derives
 * the signing key from the secret and compares signatures in constant time. Paths are normalised and encoded twice
 * for every service but S3, as the AWS SDKs sign them. Holds no request state; safe for concurrent use.
 */
public final class SigV4Verifier {

    private static final String MISMATCH = "The request signature we calculated does not match the signature you "
            + "provided. Check your AWS Secret Access Key and signing method.";

    private final Clock clock;
    private final Duration maxClockSkew;

    /**
     * @param clock the clock the request time is checked against
     * @param maxClockSkew how far the request time may lie from the clock's time, either way
     */
    public SigV4Verifier(Clock clock, Duration maxClockSkew) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxClockSkew = Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        if (maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("maxClockSkew must not be negative");
        }
    }

    /**
     * Verifies a request's signature against a secret.
     *
     * @param request the request as received
     * @param authorization its parsed {@code Authorization} header
     * @param secretAccessKey the secret of the access key named in the authorization
     * @return what verifying streamed payloads (aws-chunked chunk signatures) needs from this signature
     * @throws SigV4Exception {@link Reason#MALFORMED} when the date header is absent, unsigned or unparseable, the
     *         scope date differs from the request date, a signed header is absent or the payload hash header is
     *         invalid; {@link Reason#EXPIRED} when the request time lies outside the clock skew;
     *         {@link Reason#MISMATCH} when the payload hash or the signature does not match;
     *         {@link Reason#UNSUPPORTED} for streaming payloads on a body the gateway holds
     */
    public SeedSignature verify(RequestView request, SigV4Authorization authorization, String secretAccessKey)
            throws SigV4Exception {
        RequestTime time = RequestTime.of(request.headers(), authorization);
        requireSignedHeaders(request, authorization);
        String payloadHash = PayloadHash.of(request, authorization);
        time.checkSkew(clock.instant(), maxClockSkew);
        String stringToSign = stringToSign(time.signed(), authorization,
                canonicalRequest(request, authorization, payloadHash));
        byte[] signingKey = SignatureCalculator.signingKey(secretAccessKey, authorization);
        String expected = SignatureCalculator.signature(signingKey, stringToSign);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                authorization.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw new SigV4Exception(Reason.MISMATCH, MISMATCH);
        }
        return new SeedSignature(time.signed(), authorization.credentialScope(), authorization.signature(),
                signingKey, payloadHash);
    }

    private static void requireSignedHeaders(RequestView request, SigV4Authorization authorization)
            throws SigV4Exception {
        Optional<String> absent = CanonicalHeaders.firstAbsent(request.headers(), authorization.signedHeaders());
        if (absent.isPresent()) {
            throw new SigV4Exception(Reason.MALFORMED, "The header '" + absent.get()
                    + "' is listed in SignedHeaders but not present in the request.");
        }
    }

    /**
     * For diagnostics and tests: the canonical request as the verifier builds it.
     *
     * @param request the request as received
     * @param authorization its parsed authorization: service (for path handling) and signed headers
     * @param payloadHash the payload hash that ends the canonical request
     * @return the canonical request
     * @throws IllegalArgumentException when a signed header is absent from the request
     */
    public static String canonicalRequest(RequestView request, SigV4Authorization authorization, String payloadHash) {
        return request.method() + "\n"
                + CanonicalUri.of(request.rawPath(), authorization.service()) + "\n"
                + CanonicalQuery.of(request.rawQuery()) + "\n"
                + CanonicalHeaders.of(request.headers(), authorization.signedHeaders()) + "\n"
                + String.join(";", authorization.signedHeaders()) + "\n"
                + payloadHash;
    }

    /**
     * For diagnostics and tests: the string to sign as the verifier builds it.
     *
     * @param requestTime the request time as signed, {@code yyyyMMdd'T'HHmmss'Z'}
     * @param authorization the parsed authorization: its credential scope
     * @param canonicalRequest the canonical request
     * @return the string to sign
     */
    public static String stringToSign(String requestTime, SigV4Authorization authorization, String canonicalRequest) {
        return SignatureCalculator.stringToSign(requestTime, authorization.credentialScope(), canonicalRequest);
    }
}
