package io.gatehouse.proxy.internal.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;

/**
 * Requests signed by the AWS SDK v2 signer, with the path options the SDK uses for each service (S3: no double
 * encoding, no normalisation), must verify; a copy with one character of a signed part changed must not.
 */
class SdkSignerRoundTripTest {

    private static final int REQUESTS = 600;
    private static final Instant NOW = Instant.parse("2024-02-29T23:58:00Z");
    private static final List<String> TIME_AND_HASH = List.of("x-amz-date", "x-amz-content-sha256");

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final SigV4Verifier verifier = new SigV4Verifier(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));

    @TestFactory
    Stream<DynamicTest> sdkSignedRequestsVerifyAndOneChangedCharacterIsRefused() {
        Random random = new Random(0x6A7E_4005L);
        RandomSdkRequests requests = new RandomSdkRequests(random, NOW);
        return IntStream.range(0, REQUESTS).mapToObj(i -> {
            RandomSdkRequests.Sample sample = requests.next();
            long mutationSeed = random.nextLong();
            return DynamicTest.dynamicTest("request " + i + " " + sample.service() + " "
                    + sample.request().method() + " " + sample.request().encodedPath(),
                    () -> roundTrip(sample, new Random(mutationSeed)));
        });
    }

    private void roundTrip(RandomSdkRequests.Sample sample, Random random) throws SigV4Exception {
        RequestView received = sign(sample);
        SigV4Authorization authorization = SigV4Authorization.parse(received);
        assertThat(authorization.service()).isEqualTo(sample.service());
        assertThatCode(() -> verifier.verify(received, authorization, RandomSdkRequests.SECRET))
                .as("canonical request:%n%s", canonical(received, authorization)).doesNotThrowAnyException();

        assertBodyChange(received, random, isUnsignedPayload(received));
        assertMismatch(changedHeader(received, authorization, random));
        String changedPath = sample.service().equals("s3")
                ? Mutations.flipRandomLetterOrDigit(received.rawPath(), random)
                : Mutations.changePathSegment(received.rawPath(), random);
        assertMismatch(copy(received, changedPath, received.rawQuery(), received.headers(), received.body()));
        if (!received.rawQuery().isEmpty()) {
            assertMismatch(copy(received, received.rawPath(),
                    Mutations.flipRandomLetterOrDigit(received.rawQuery(), random), received.headers(),
                    received.body()));
        }
    }

    private RequestView sign(RandomSdkRequests.Sample sample) {
        boolean s3 = sample.service().equals("s3");
        SdkHttpRequest signed = signer.sign(signing -> signing
                .identity(sample.identity())
                .request(sample.request())
                .payload(() -> new ByteArrayInputStream(sample.body()))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, sample.service())
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, !s3)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, !s3)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, sample.signPayload())
                .putProperty(HttpSigner.SIGNING_CLOCK, sample.signingClock())).request();
        Headers.Builder headers = Headers.builder();
        signed.forEachHeader((name, values) -> values.forEach(value -> headers.add(name, value)));
        String path = signed.encodedPath().isEmpty() ? "/" : signed.encodedPath();
        return new RequestView(signed.method().name(), path, signed.encodedQueryParameters().orElse(""),
                headers.build(), Body.of(sample.body()));
    }

    private void assertBodyChange(RequestView received, Random random, boolean unsignedPayload) {
        byte[] body = received.body().bytes();
        RequestView changed = copy(received, received.rawPath(), received.rawQuery(), received.headers(),
                Body.of(Mutations.flipByte(body, body.length == 0 ? 0 : random.nextInt(body.length))));
        if (unsignedPayload) {
            assertThatCode(() -> verifier.verify(changed, SigV4Authorization.parse(changed), RandomSdkRequests.SECRET))
                    .as("UNSIGNED-PAYLOAD does not cover the body").doesNotThrowAnyException();
        } else {
            assertMismatch(changed);
        }
    }

    private static RequestView changedHeader(RequestView received, SigV4Authorization authorization, Random random) {
        List<String> candidates = authorization.signedHeaders().stream()
                .filter(name -> !TIME_AND_HASH.contains(name)).toList();
        String name = candidates.get(random.nextInt(candidates.size()));
        Headers headers = Mutations.changeLastValue(received.headers(), name,
                value -> Mutations.flipRandomLetterOrDigit(value, random));
        return copy(received, received.rawPath(), received.rawQuery(), headers, received.body());
    }

    private void assertMismatch(RequestView changed) {
        assertThatThrownBy(() -> verifier.verify(changed, SigV4Authorization.parse(changed), RandomSdkRequests.SECRET))
                .as("canonical request of the changed copy:%n%s", canonical(changed, null))
                .isInstanceOfSatisfying(SigV4Exception.class,
                        e -> assertThat(e.reason()).isEqualTo(SigV4Exception.Reason.MISMATCH));
    }

    private static boolean isUnsignedPayload(RequestView request) {
        return request.headers().first("x-amz-content-sha256").filter("UNSIGNED-PAYLOAD"::equals).isPresent();
    }

    private static String canonical(RequestView request, SigV4Authorization known) {
        try {
            SigV4Authorization authorization = known != null ? known : SigV4Authorization.parse(request);
            return SigV4Verifier.canonicalRequest(request, authorization,
                    request.headers().first("x-amz-content-sha256").orElse("(body hash)"));
        } catch (SigV4Exception | RuntimeException e) {
            return "(not available: " + e.getMessage() + ")";
        }
    }

    private static RequestView copy(RequestView request, String path, String query, Headers headers, Body body) {
        return new RequestView(request.method(), path, query, headers, body);
    }
}
