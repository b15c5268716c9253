package io.gatehouse.proxy.internal.sigv4;

import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.proxy.internal.sigv4.SigV4Exception.Reason;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The payload hash that ends a SigV4 canonical request. With an {@code x-amz-content-sha256} header it is that
 * header's value, which must be signed and, when it is a hex digest, equal the SHA-256 of the body;
 * {@code UNSIGNED-PAYLOAD} is accepted for S3 only. For a body the gateway streams (S3 uploads) a hex digest is
 * checked while the body is forwarded (the upstream request is aborted on a mismatch), and the aws-chunked forms
 * ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]}, {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}) are accepted;
 * they are refused for held bodies. Without the header it is the SHA-256 of the body.
 */
final class PayloadHash {

    /** The header that carries the client's payload hash. */
    static final String HEADER = "x-amz-content-sha256";
    static final String UNSIGNED = "UNSIGNED-PAYLOAD";
    /** The aws-chunked payload forms a streamed body may declare. */
    static final java.util.Set<String> STREAMING = java.util.Set.of("STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
            "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", "STREAMING-UNSIGNED-PAYLOAD-TRAILER");

    private static final Pattern HEX_DIGEST = Pattern.compile("[0-9a-fA-F]{64}");

    private PayloadHash() {
    }

    /**
     * @param request the request
     * @param authorization the parsed authorization
     * @return the payload hash to end the canonical request with
     * @throws SigV4Exception {@link Reason#MALFORMED} for an unsigned, repeated or unknown header value or
     *         {@code UNSIGNED-PAYLOAD} outside S3; {@link Reason#MISMATCH} when the digest differs from the body's;
     *         {@link Reason#UNSUPPORTED} for streaming payloads
     */
    static String of(RequestView request, SigV4Authorization authorization) throws SigV4Exception {
        List<String> values = request.headers().all(HEADER);
        if (values.isEmpty()) {
            return bodyHash(request);
        }
        if (values.size() > 1 || !authorization.signedHeaders().contains(HEADER)) {
            throw malformed("The 'x-amz-content-sha256' header must be sent at most once and listed in "
                    + "SignedHeaders.");
        }
        if (request.body().isStreamed() && !"s3".equals(authorization.service())) {
            throw malformed("Only S3 uploads are streamed; sign the body of a " + authorization.service()
                    + " call with its SHA-256.");
        }
        return declared(values.get(0).strip(), request, authorization);
    }

    private static String declared(String value, RequestView request, SigV4Authorization authorization)
            throws SigV4Exception {
        if (HEX_DIGEST.matcher(value).matches()) {
            if (request.body().isStreamed()) {
                return value; // checked while the body streams upstream
            }
            if (!value.equalsIgnoreCase(bodyHash(request))) {
                throw new SigV4Exception(Reason.MISMATCH, "The provided 'x-amz-content-sha256' header does not "
                        + "match what was computed: payload hash does not match the request body.");
            }
            return value;
        }
        if (UNSIGNED.equals(value)) {
            if (!"s3".equals(authorization.service())) {
                throw malformed("x-amz-content-sha256: UNSIGNED-PAYLOAD is accepted for s3 only; sign the payload.");
            }
            return value;
        }
        if (STREAMING.contains(value) && request.body().isStreamed() && "s3".equals(authorization.service())) {
            return value;
        }
        if (value.startsWith("STREAMING-")) {
            throw new SigV4Exception(Reason.UNSUPPORTED, "The streaming payload form " + value + " is supported "
                    + "for S3 PUT uploads only (STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER], "
                    + "STREAMING-UNSIGNED-PAYLOAD-TRAILER); send the payload in one piece with its SHA-256.");
        }
        throw malformed("x-amz-content-sha256 must be the hex SHA-256 of the payload or UNSIGNED-PAYLOAD.");
    }

    private static String bodyHash(RequestView request) {
        return SignatureCalculator.sha256Hex(request.body().openStream());
    }

    private static SigV4Exception malformed(String message) {
        return new SigV4Exception(Reason.MALFORMED, message);
    }
}
