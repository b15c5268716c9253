package io.gatehouse.proxy.internal.sigv4;

import static io.gatehouse.proxy.internal.sigv4.AwsSigV4TestSuiteTest.SECRET;
import static io.gatehouse.proxy.internal.sigv4.AwsSigV4TestSuiteTest.SUITE_TIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.proxy.internal.sigv4.SigV4Exception.Reason;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** The verifier's refusals: clock skew, missing and malformed parts, wrong secrets and payload hashes. */
class SigV4VerifierTest {

    private static final String VANILLA_AUTHZ = AwsSigV4TestSuiteTest.resource("get-vanilla", "authz").orElseThrow();
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final SigV4Verifier verifier = verifierAt(SUITE_TIME);

    @ParameterizedTest
    @ValueSource(longs = {-300, 0, 300})
    void acceptsRequestTimesUpToExactlyTheMaximumSkew(long offsetSeconds) {
        RequestView request = vanilla();

        assertThatCode(() -> verifierAt(SUITE_TIME.plusSeconds(offsetSeconds)).verify(request, parse(request), SECRET))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesARequestOneSecondOlderThanTheSkewAllows() {
        assertRefused(verifierAt(SUITE_TIME.plusSeconds(301)), vanilla(), SECRET).hasMessage(
                "Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T124101Z - 5 min.)")
                .extracting("reason").isEqualTo(Reason.EXPIRED);
    }

    @Test
    void refusesARequestOneSecondFurtherInTheFutureThanTheSkewAllows() {
        assertRefused(verifierAt(SUITE_TIME.minusSeconds(301)), vanilla(), SECRET).hasMessage("Signature not yet "
                + "current: 20150830T123600Z is still later than 20150830T123559Z (20150830T123059Z + 5 min.)")
                .extracting("reason").isEqualTo(Reason.EXPIRED);
    }

    @Test
    void saysExpiredAsAwsSaysIt() {
        assertRefused(verifierAt(Instant.parse("2015-08-30T12:46:00Z")), vanilla(), SECRET).hasMessage(
                "Signature expired: 20150830T123600Z is now earlier than 20150830T124100Z (20150830T124600Z - 5 min.)");
    }

    @Test
    void refusesAWrongSecretWithoutRevealingSecretsOrSignatures() {
        assertRefused(verifier, vanilla(), "not-the-secret").extracting("reason").isEqualTo(Reason.MISMATCH);
        assertRefused(verifier, vanilla(), "not-the-secret").message()
                .doesNotContain("not-the-secret").doesNotContainPattern("[0-9a-f]{64}");
    }

    @Test
    void refusesAnUnsignedXAmzDate() {
        RequestView request = withAuthorization(vanilla(), VANILLA_AUTHZ.replace("SignedHeaders=host;x-amz-date",
                "SignedHeaders=host"));

        assertRefused(verifier, request, SECRET).extracting("reason").isEqualTo(Reason.MALFORMED);
    }

    @Test
    void refusesACredentialScopeDateThatIsNotTheRequestDate() {
        RequestView request = withAuthorization(vanilla(), VANILLA_AUTHZ.replace("/20150830/", "/20150831/"));

        assertRefused(verifier, request, SECRET).hasMessageContaining("'20150831' != '20150830'")
                .extracting("reason").isEqualTo(Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2015-08-30T12:36:00Z", "20150830T123600", "20150832T123600Z"})
    void refusesAMissingOrUnparseableRequestTime(String xAmzDate) {
        Headers.Builder headers = vanilla().headers().toBuilder().remove("X-Amz-Date");
        if (!xAmzDate.isEmpty()) {
            headers.add("X-Amz-Date", xAmzDate);
        }
        RequestView request = withHeaders(vanilla(), headers.build());

        assertRefused(verifier, request, SECRET).extracting("reason").isEqualTo(Reason.MALFORMED);
    }

    @Test
    void refusesASignedHeaderTheRequestDoesNotCarry() {
        RequestView request = withAuthorization(vanilla(), VANILLA_AUTHZ.replace("host;x-amz-date",
                "host;my-header1;x-amz-date"));

        assertRefused(verifier, request, SECRET).hasMessageContaining("'my-header1'")
                .extracting("reason").isEqualTo(Reason.MALFORMED);
    }

    @Test
    void acceptsTheHttpDateHeaderWhenThereIsNoXAmzDate() throws Exception {
        String canonical = "GET\n/\n\ndate:Sun, 30 Aug 2015 12:36:00 GMT\nhost:example.amazonaws.com\n\ndate;host\n"
                + EMPTY_SHA256;
        String signature = independentSignature("20150830T123600Z", canonical);
        RequestView request = new RequestView("GET", "/", "", Headers.builder()
                .add("Host", "example.amazonaws.com").add("Date", "Sun, 30 Aug 2015 12:36:00 GMT")
                .add("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
                        + "aws4_request, SignedHeaders=date;host, Signature=" + signature).build(), Body.empty());

        assertThat(SigV4Verifier.canonicalRequest(request, parse(request), EMPTY_SHA256)).isEqualTo(canonical);
        verifier.verify(request, parse(request), SECRET);
    }

    @Test
    void refusesABodyThatDoesNotMatchTheSignedPayloadHash() {
        RequestView signed = sdkSigned("dynamodb", "{\"TableName\":\"Orders\"}", true);
        RequestView changed = new RequestView(signed.method(), signed.rawPath(), signed.rawQuery(), signed.headers(),
                Body.of("{\"TableName\":\"Secrets\"}".getBytes(StandardCharsets.UTF_8)));

        assertThatCode(() -> verifier.verify(signed, parse(signed), SECRET)).doesNotThrowAnyException();
        assertRefused(verifier, changed, SECRET).hasMessageContaining("payload hash does not match")
                .extracting("reason").isEqualTo(Reason.MISMATCH);
    }

    @Test
    void acceptsUnsignedPayloadForS3Only() {
        RequestView s3 = sdkSigned("s3", "object bytes", false);
        RequestView dynamodb = withContentSha256(sdkSigned("dynamodb", "{}", true), "UNSIGNED-PAYLOAD");

        assertThat(s3.headers().first("x-amz-content-sha256")).contains("UNSIGNED-PAYLOAD");
        assertThatCode(() -> verifier.verify(s3, parse(s3), SECRET)).doesNotThrowAnyException();
        assertRefused(verifier, dynamodb, SECRET).hasMessageContaining("s3 only")
                .extracting("reason").isEqualTo(Reason.MALFORMED);
    }

    @Test
    void refusesStreamingPayloadsAsUnsupported() {
        RequestView request = withContentSha256(sdkSigned("s3", "chunked", true),
                "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");

        assertRefused(verifier, request, SECRET).extracting("reason").isEqualTo(Reason.UNSUPPORTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-hash", "e3b0c44298fc1c149afbf4c8996fb924"})
    void refusesAnUnknownPayloadHashValue(String value) {
        RequestView request = withContentSha256(sdkSigned("dynamodb", "{}", true), value);

        assertRefused(verifier, request, SECRET).extracting("reason").isEqualTo(Reason.MALFORMED);
    }

    @Test
    void refusesAPayloadHashHeaderThatIsNotSigned() {
        RequestView request = withHeaders(vanilla(),
                vanilla().headers().toBuilder().add("x-amz-content-sha256", EMPTY_SHA256).build());

        assertRefused(verifier, request, SECRET).extracting("reason").isEqualTo(Reason.MALFORMED);
    }

    @Test
    void refusesANegativeSkew() {
        assertThatThrownBy(() -> new SigV4Verifier(Clock.systemUTC(), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(SigV4Verifier verifier,
                                                                                 RequestView request, String secret) {
        return assertThatThrownBy(() -> verifier.verify(request, parse(request), secret))
                .isInstanceOf(SigV4Exception.class);
    }

    private static SigV4Verifier verifierAt(Instant now) {
        return new SigV4Verifier(Clock.fixed(now, ZoneOffset.UTC), Duration.ofMinutes(5));
    }

    private static RequestView vanilla() {
        return AwsSigV4TestSuiteTest.signedRequest("get-vanilla");
    }

    private static SigV4Authorization parse(RequestView request) throws SigV4Exception {
        return SigV4Authorization.parse(request);
    }

    private static RequestView withAuthorization(RequestView request, String authorization) {
        return withHeaders(request, request.headers().toBuilder().set("Authorization", authorization).build());
    }

    private static RequestView withContentSha256(RequestView request, String value) {
        return withHeaders(request, request.headers().toBuilder().set("x-amz-content-sha256", value).build());
    }

    private static RequestView withHeaders(RequestView request, Headers headers) {
        return new RequestView(request.method(), request.rawPath(), request.rawQuery(), headers, request.body());
    }

    private static RequestView sdkSigned(String service, String body, boolean signPayload) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.PUT)
                .uri(URI.create("https://example.amazonaws.com/key")).build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(signing -> signing
                .identity(AwsCredentialsIdentity.create("AKIDEXAMPLE", SECRET))
                .request(unsigned).payload(() -> new ByteArrayInputStream(bytes))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signPayload)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(SUITE_TIME, ZoneOffset.UTC))).request();
        Headers.Builder headers = Headers.builder();
        signed.forEachHeader((name, values) -> values.forEach(value -> headers.add(name, value)));
        return new RequestView("PUT", signed.encodedPath(), "", headers.build(), Body.of(bytes));
    }

    /** SigV4 from its definition, independent of the code under test. */
    private static String independentSignature(String time, String canonicalRequest) throws Exception {
        String stringToSign = "AWS4-HMAC-SHA256\n" + time + "\n20150830/us-east-1/service/aws4_request\n"
                + HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = ("AWS4" + SECRET).getBytes(StandardCharsets.UTF_8);
        for (String part : new String[] {"20150830", "us-east-1", "service", "aws4_request", stringToSign}) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            key = mac.doFinal(part.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(key);
    }
}
