package io.gatehouse.proxy.internal.forward;

import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.proxy.internal.error.ErrorCode;
import io.gatehouse.proxy.internal.error.GatewayException;
import io.gatehouse.proxy.internal.sigv4.SeedSignature;
import io.gatehouse.proxy.internal.stream.AwsChunkedCheck;
import io.gatehouse.proxy.internal.stream.PayloadCheck;
import io.gatehouse.proxy.internal.stream.Sha256Check;
import io.gatehouse.proxy.internal.stream.StreamedRequestBody;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Chooses what goes upstream for a request: its held bytes, or its streamed body through the check its
 * {@code x-amz-content-sha256} asks for — a SHA-256 comparison for a hex digest, none for {@code UNSIGNED-PAYLOAD},
 * aws-chunked decoding and verification for the {@code STREAMING-*} forms — streamed through, or spooled and
 * verified completely first ({@code verify.uploads.before.forwarding}).
 */
public final class UpstreamBodies {

    private static final String SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    private static final String SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    private static final String UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    private UpstreamBodies() {
    }

    /**
     * @param request the authenticated request
     * @param seed its verified signature
     * @return the body to send upstream
     * @throws GatewayException when a streamed body's form or lengths are not acceptable
     */
    public static UpstreamBody of(RequestView request, SeedSignature seed) {
        if (!(request.body() instanceof StreamedRequestBody streamed)) {
            return UpstreamBody.held(request.body().bytes());
        }
        StreamingContentPublisher stream = checked(request, seed, streamed);
        return streamed.verifiedBeforeForwarding() ? new SpooledUpload(stream) : stream;
    }

    private static StreamingContentPublisher checked(RequestView request, SeedSignature seed,
                                                     StreamedRequestBody streamed) {
        String payload = seed.payloadHash();
        if (payload.matches("[0-9a-fA-F]{64}")) {
            return new StreamingContentPublisher(streamed.source(), new Sha256Check(payload), streamed.length());
        }
        if ("UNSIGNED-PAYLOAD".equals(payload)) {
            return new StreamingContentPublisher(streamed.source(), PayloadCheck.none(), streamed.length());
        }
        if (!Set.of(SIGNED, SIGNED_TRAILER, UNSIGNED_TRAILER).contains(payload)) {
            throw new GatewayException(ErrorCode.NOT_IMPLEMENTED, "The payload form " + payload
                    + " cannot be streamed by this gateway.");
        }
        long decoded = decodedLength(request);
        boolean withTrailers = !SIGNED.equals(payload);
        Set<String> trailers = declaredTrailers(request);
        if (!withTrailers && !trailers.isEmpty()) {
            throw new GatewayException(ErrorCode.MALFORMED_CHUNKED_BODY, "x-amz-trailer is set but " + payload
                    + " has no trailers.");
        }
        Optional<SeedSignature> chain = UNSIGNED_TRAILER.equals(payload) ? Optional.empty() : Optional.of(seed);
        return new StreamingContentPublisher(streamed.source(),
                new AwsChunkedCheck(chain, withTrailers, decoded, trailers), decoded);
    }

    private static long decodedLength(RequestView request) {
        var values = request.headers().all("x-amz-decoded-content-length");
        if (values.size() != 1 || !values.get(0).strip().matches("\\d{1,18}")) {
            throw new GatewayException(ErrorCode.MISSING_CONTENT_LENGTH, "An aws-chunked upload needs exactly one "
                    + "x-amz-decoded-content-length with the payload's length.");
        }
        return Long.parseLong(values.get(0).strip());
    }

    private static Set<String> declaredTrailers(RequestView request) {
        return request.headers().all("x-amz-trailer").stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(name -> name.trim().toLowerCase(Locale.ROOT))
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
