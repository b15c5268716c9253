package io.gatehouse.tests.e2e;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.internal.signer.CredentialScope;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4CanonicalRequest;
import software.amazon.awssdk.http.auth.aws.internal.signer.util.SignerUtils;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.utils.BinaryUtils;

/**
 * Recomputes a request's SigV4 signature the way AWS would, using the AWS SDK v2 signer: the
 * request is rebuilt from exactly the headers named in {@code SignedHeaders}, signed with the known
 * secret at the request's own {@code X-Amz-Date}, and the signatures are compared. It shares no code
 * with Gatehouse's own verifier, so a bug there cannot hide here.
 */
final class SigV4Check {

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/,\\s]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,\\s*"
                    + "SignedHeaders=([^,\\s]+),\\s*Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Function<String, AccessKey> keys;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    SigV4Check(AccessKey key) {
        this(id -> key.id().equals(id) ? key : null);
    }

    /**
     * A check that accepts several keys (e.g. temporary credentials issued while a test runs).
     *
     * @param keys the key of an access key id, or null for an id it does not know
     */
    SigV4Check(Function<String, AccessKey> keys) {
        this.keys = keys;
    }

    /** What the check decided, with the HTTP status and AWS error code of a refusal. */
    record Verdict(boolean verified, String accessKeyId, int status, String errorCode, String problem) {

        static Verdict ok(String accessKeyId) {
            return new Verdict(true, accessKeyId, 200, null, null);
        }

        static Verdict refused(String accessKeyId, int status, String errorCode, String problem) {
            return new Verdict(false, accessKeyId, status, errorCode, problem);
        }
    }

    /**
     * @param headers the received headers; lookups must be case-insensitive
     */
    Verdict verify(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
        String authorization = first(headers, "Authorization");
        if (authorization == null) {
            return Verdict.refused(null, 403, "MissingAuthenticationTokenException", "no Authorization header");
        }
        Matcher auth = AUTHORIZATION.matcher(authorization.trim());
        if (!auth.matches()) {
            return Verdict.refused(null, 400, "IncompleteSignatureException", "malformed Authorization header");
        }
        String accessKeyId = auth.group(1);
        AccessKey key = keys.apply(accessKeyId);
        if (key == null) {
            return Verdict.refused(accessKeyId, 403, "UnrecognizedClientException",
                    "access key " + accessKeyId + " is not the upstream key");
        }
        Instant signedAt = signingTime(first(headers, "X-Amz-Date"));
        if (signedAt == null || !AMZ_DATE.format(signedAt).startsWith(auth.group(2))) {
            return Verdict.refused(accessKeyId, 400, "IncompleteSignatureException",
                    "X-Amz-Date missing, malformed or not on the credential scope's date");
        }
        String expected = sign(key, method, uri, headers, body, signedAt, auth.group(3), auth.group(4),
                auth.group(5).split(";"));
        Matcher computed = AUTHORIZATION.matcher(expected);
        if (!computed.matches() || !computed.group(6).equals(auth.group(6))) {
            return Verdict.refused(accessKeyId, 403, "InvalidSignatureException",
                    "signature mismatch (received SignedHeaders=" + auth.group(5) + ", recomputed over "
                            + (computed.matches() ? computed.group(5) : expected) + ")");
        }
        return Verdict.ok(accessKeyId);
    }

    /**
     * The Authorization header the SDK computes for the same request. The public signer always adds and
     * signs {@code x-amz-content-sha256}, as Gatehouse's re-signing does; a client that did not sign that
     * header (the CLI, botocore) is checked with the SDK's own canonical request and key derivation.
     */
    private String sign(AccessKey key, String method, URI uri, Map<String, List<String>> headers, byte[] body,
            Instant signedAt, String region, String service, String[] signedHeaders) {
        SdkHttpRequest request = rebuild(method, uri, headers, signedHeaders);
        // S3 signs the path as sent: neither double-encoded nor normalised (as AWS and Gatehouse's re-signing do)
        boolean s3 = "s3".equals(service);
        if ("UNSIGNED-PAYLOAD".equals(first(headers, "x-amz-content-sha256"))) {
            // a streamed upload, re-signed without a payload hash (Gatehouse checked the client's payload itself)
            return signer.sign(r -> r.identity(key.identity())
                            .request(request)
                            .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                            .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, !s3)
                            .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, !s3)
                            .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                            .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                    .request().firstMatchingHeader("Authorization").orElse("");
        }
        if (Arrays.asList(signedHeaders).contains("x-amz-content-sha256")) {
            return signer.sign(r -> r.identity(key.identity())
                            .request(request)
                            .payload(ContentStreamProvider.fromByteArray(body))
                            .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                            .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, !s3)
                            .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, !s3)
                            .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                    .request().firstMatchingHeader("Authorization").orElse("");
        }
        return signWithoutPayloadHeader(key, request, body, new CredentialScope(region, service, signedAt), !s3);
    }

    private String signWithoutPayloadHeader(AccessKey key, SdkHttpRequest request, byte[] body, CredentialScope scope,
            boolean encodeAndNormalise) {
        V4CanonicalRequest canonical = new V4CanonicalRequest(request, BinaryUtils.toHex(SignerUtils.hash(body)),
                new V4CanonicalRequest.Options(encodeAndNormalise, encodeAndNormalise));
        String stringToSign = "AWS4-HMAC-SHA256\n" + scope.getDatetime() + "\n" + scope.scope() + "\n"
                + SignerUtils.hashCanonicalRequest(canonical.getCanonicalRequestString());
        String signature = BinaryUtils.toHex(SignerUtils.computeSignature(stringToSign,
                SignerUtils.deriveSigningKey(key.identity(), scope)));
        return "AWS4-HMAC-SHA256 Credential=" + key.id() + "/" + scope.scope() + ", SignedHeaders="
                + canonical.getSignedHeadersString() + ", Signature=" + signature;
    }

    /** The received request with only the headers its signature covers. */
    private static SdkHttpRequest rebuild(String method, URI uri, Map<String, List<String>> headers,
            String[] signedHeaders) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(URI.create("http://" + first(headers, "Host") + uri.getRawPath()
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
        Arrays.stream(signedHeaders).forEach(name -> {
            List<String> values = values(headers, name);
            if (values != null) {
                request.putHeader(name, values);
            }
        });
        return request.build();
    }

    private static Instant signingTime(String amzDate) {
        try {
            return amzDate == null ? null : Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = values(headers, name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static List<String> values(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return header.getValue();
            }
        }
        return null;
    }
}
