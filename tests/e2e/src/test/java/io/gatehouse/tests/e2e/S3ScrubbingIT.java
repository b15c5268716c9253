package io.gatehouse.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * Upstream answers that echo Gatehouse's upstream credentials and signing diagnostics are scrubbed before the
 * client sees them: an S3 SignatureDoesNotMatch error body (held: the diagnostic elements are emptied) and a streamed
 * 3 MiB object that contains the upstream access key id at chunk-boundary offsets (masked in place, same length).
 */
class S3ScrubbingIT {

    static Path workDir;
    static EchoingS3Double upstream;
    static GatehouseDistribution gatehouse;
    static final AccessKey CLIENT = AccessKey.random("AKIACLIENT");
    static final AccessKey UPSTREAM = AccessKey.random("AKIAUPSTREAM");
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        workDir = Files.createTempDirectory(Path.of("target"), "s3-scrubbing-").toAbsolutePath();
        upstream = EchoingS3Double.start();
        gatehouse = GatehouseDistribution.install(workDir).clientKey("e2e", CLIENT, "e2e-client")
                .upstreamKey(UPSTREAM).endpoint("s3", upstream.endpoint());
        gatehouse.start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && get("/echo-bucket/error").statusCode() != 403) {
            FreePort.sleep(java.time.Duration.ofMillis(500));
        }
    }

    @AfterAll
    static void stop() {
        Closing.all(gatehouse, upstream, Closing.folder(workDir));
    }

    @Test
    void anEchoedSignatureErrorReachesTheClientWithoutUpstreamKeyOrSigningDiagnostics() {
        HttpResponse<byte[]> answer = get("/echo-bucket/error");
        String body = new String(answer.body(), StandardCharsets.UTF_8);

        assertThat(answer.statusCode()).as(body).isEqualTo(403);
        assertThat(body).contains("<Code>SignatureDoesNotMatch</Code>", "<RequestId>ECHO1</RequestId>")
                .contains("<StringToSign>[redacted-by-gatehouse]</StringToSign>",
                        "<CanonicalRequest>[redacted-by-gatehouse]</CanonicalRequest>",
                        "<StringToSignBytes>[redacted-by-gatehouse]</StringToSignBytes>",
                        "<SignatureProvided>[redacted-by-gatehouse]</SignatureProvided>")
                .doesNotContain(UPSTREAM.id(), UPSTREAM.secret(), "41 57 53 34", "aws4_request");
        assertThat(answer.headers().firstValueAsLong("content-length")).hasValue(answer.body().length);
    }

    @Test
    void aStreamedObjectKeepsItsLengthAndLosesTheUpstreamKeyAtEveryOffset() {
        HttpResponse<byte[]> answer = get("/echo-bucket/big");
        byte[] expected = EchoingS3Double.bigObject(UPSTREAM.id());
        for (int offset : EchoingS3Double.KEY_OFFSETS) {
            Arrays.fill(expected, offset, offset + UPSTREAM.id().length(), (byte) '*');
        }

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValueAsLong("content-length")).hasValue(EchoingS3Double.BIG_LENGTH);
        assertThat(new String(answer.body(), StandardCharsets.ISO_8859_1)).doesNotContain(UPSTREAM.id());
        assertThat(answer.body()).isEqualTo(expected);
    }

    /** A GET signed with the client key, sent with the JDK client. */
    private static HttpResponse<byte[]> get(String path) {
        URI endpoint = gatehouse.endpoint();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(CLIENT.identity())
                .request(SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).uri(endpoint).encodedPath(path)
                        .build())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, GatewayStack.REGION)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)).request();
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path)).GET();
        for (Map.Entry<String, List<String>> header : signed.headers().entrySet()) {
            if (!header.getKey().equalsIgnoreCase("Host")) {
                header.getValue().forEach(value -> request.header(header.getKey(), value));
            }
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
