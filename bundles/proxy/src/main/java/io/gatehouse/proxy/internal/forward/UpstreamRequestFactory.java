package io.gatehouse.proxy.internal.forward;

import io.gatehouse.api.credentials.UpstreamCredentials;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.RequestView;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Builds the request Gatehouse sends upstream from the client's request: the same method, path, query, meaningful
 * headers and body, with every client credential and hop-by-hop header dropped, signed with the AWS SDK's SigV4
 * signer and the upstream credentials.
 */
public final class UpstreamRequestFactory {

    /** Headers never forwarded: client credentials, signing inputs the signer recomputes, hop-by-hop fields. */
    private static final Set<String> DROPPED = Set.of("authorization", "x-amz-date", "x-amz-security-token",
            "x-amz-content-sha256", "host", "content-length", "connection", "keep-alive", "proxy-connection",
            "proxy-authorization", "proxy-authenticate", "te", "trailer", "transfer-encoding", "upgrade", "expect",
            "date");

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * @param request the client's request (already authenticated and decoded)
     * @param operation the decoded operation: its service and region sign the upstream request
     * @param endpoint where the request goes
     * @param credentials the upstream credentials
     * @return the signed upstream request
     */
    public SdkHttpRequest create(RequestView request, AwsOperation operation, URI endpoint,
                                 UpstreamCredentials credentials) {
        return create(request, operation, endpoint, credentials, UpstreamBody.held(request.body().bytes()));
    }

    /**
     * A held body is signed with its SHA-256. A streamed body is signed {@code UNSIGNED-PAYLOAD} (the gateway checks
     * the client's payload hash or chunk signatures itself while it streams, and aborts on a mismatch) with the
     * Content-Length of what is sent; an aws-chunked upload is sent decoded, so its {@code aws-chunked}
     * Content-Encoding, {@code x-amz-decoded-content-length}, {@code x-amz-trailer} and
     * {@code x-amz-sdk-checksum-algorithm} are not forwarded.
     *
     * @param request the client's request (already authenticated and decoded)
     * @param operation the decoded operation: its service and region sign the upstream request
     * @param endpoint where the request goes
     * @param credentials the upstream credentials
     * @param body what is sent upstream
     * @return the signed upstream request
     */
    public SdkHttpRequest create(RequestView request, AwsOperation operation, URI endpoint,
                                 UpstreamCredentials credentials, UpstreamBody body) {
        SdkHttpFullRequest.Builder builder = unsigned(request, endpoint);
        builder.putHeader("Content-Length", Long.toString(body.length()));
        Optional<byte[]> held = body.held();
        if (held.isEmpty()) {
            AwsChunkedHeaders.rewrite(builder);
        }
        SdkHttpFullRequest unsigned = builder.build();
        boolean s3 = "s3".equals(operation.service());
        return signer.sign(signing -> {
            signing.identity(identity(credentials))
                    .request(unsigned)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, operation.service())
                    .putProperty(AwsV4HttpSigner.REGION_NAME, operation.region())
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, !s3)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, !s3);
            if (held.isPresent()) {
                signing.payload(ContentStreamProvider.fromByteArrayUnsafe(held.get()));
            } else {
                // without a payload and with payload signing off the signer signs UNSIGNED-PAYLOAD
                signing.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false);
            }
        }).request();
    }

    private static SdkHttpFullRequest.Builder unsigned(RequestView request, URI endpoint) {
        SdkHttpFullRequest.Builder builder = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method()))
                .uri(endpoint)
                .encodedPath(request.rawPath());
        QueryString.parse(request.rawQuery()).forEach(p -> builder.appendRawQueryParameter(p.name(), p.value()));
        Set<String> connectionNamed = connectionHeaders(request);
        request.headers().asMap().forEach((name, values) -> {
            if (forwarded(name, connectionNamed)) {
                values.forEach(value -> builder.appendHeader(name, value));
            }
        });
        return builder;
    }

    private static boolean forwarded(String name, Set<String> connectionNamed) {
        return !DROPPED.contains(name) && !connectionNamed.contains(name) && !name.startsWith("x-gatehouse-");
    }

    private static Set<String> connectionHeaders(RequestView request) {
        return request.headers().all("connection").stream()
                .flatMap(value -> List.of(value.split(",")).stream())
                .map(token -> token.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    private static AwsCredentialsIdentity identity(UpstreamCredentials credentials) {
        return credentials.sessionToken()
                .<AwsCredentialsIdentity>map(token -> AwsSessionCredentialsIdentity.create(
                        credentials.accessKeyId(), credentials.secretAccessKey(), token))
                .orElseGet(() -> AwsCredentialsIdentity.create(credentials.accessKeyId(),
                        credentials.secretAccessKey()));
    }
}
