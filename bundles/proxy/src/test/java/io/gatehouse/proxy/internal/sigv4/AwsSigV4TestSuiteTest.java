package io.gatehouse.proxy.internal.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published AWS Signature Version 4 test suite (see {@code src/test/resources/sigv4/README.md}): every request
 * must verify with the suite's credentials at the suite's time, the canonical request must equal the suite's, and
 * changing the body, a signed header or the path must break the signature.
 */
class AwsSigV4TestSuiteTest {

    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final Instant SUITE_TIME = Instant.parse("2015-08-30T12:36:00Z");

    private final SigV4Verifier verifier =
            new SigV4Verifier(Clock.fixed(SUITE_TIME, ZoneOffset.UTC), Duration.ofMinutes(5));

    static Stream<String> cases() {
        return Stream.of("get-vanilla", "get-vanilla-query", "get-vanilla-empty-query-key",
                "get-vanilla-query-order-key", "get-vanilla-query-order-key-case", "get-vanilla-query-order-value",
                "get-vanilla-query-unreserved", "get-vanilla-utf8-query", "get-unreserved", "get-utf8", "get-space",
                "get-slash", "get-slashes", "get-slash-dot-slash", "get-slash-pointless-dot", "get-relative",
                "get-relative-relative", "get-header-key-duplicate", "get-header-value-multiline",
                "get-header-value-order", "get-header-value-trim", "post-vanilla", "post-vanilla-query",
                "post-vanilla-empty-query-value", "post-x-www-form-urlencoded",
                "post-x-www-form-urlencoded-parameters", "post-header-key-case", "post-header-key-sort",
                "post-header-value-case", "post-sts-header-before", "post-sts-header-after");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verifies(String name) throws SigV4Exception {
        RequestView request = signedRequest(name);

        assertThatCode(() -> verifier.verify(request, SigV4Authorization.parse(request), SECRET))
                .doesNotThrowAnyException();
        assertThat(SigV4Authorization.parse(request).signature()).isEqualTo(expectedSignature(name));
    }

    /** @return the cases for which the suite publishes a canonical request (all but get-utf8) */
    static Stream<String> casesWithCanonicalRequest() {
        return cases().filter(name -> resource(name, "creq").isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesWithCanonicalRequest")
    void buildsTheSuitesCanonicalRequest(String name) throws SigV4Exception {
        Optional<String> expected = resource(name, "creq");
        RequestView request = signedRequest(name);

        String canonical = SigV4Verifier.canonicalRequest(request, SigV4Authorization.parse(request),
                SignatureCalculator.sha256Hex(request.body().bytes()));

        assertThat(canonical).isEqualTo(expected.get());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void changingTheBodyBreaksTheSignature(String name) {
        RequestView request = signedRequest(name);
        byte[] body = request.body().bytes();
        byte[] changed = Mutations.flipByte(body, body.length - 1);

        assertMismatch(new RequestView(request.method(), request.rawPath(), request.rawQuery(), request.headers(),
                Body.of(changed)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void changingAnySignedHeaderValueBreaksTheSignature(String name) throws SigV4Exception {
        RequestView request = signedRequest(name);
        for (String header : SigV4Authorization.parse(request).signedHeaders()) {
            if (!header.equals("x-amz-date")) {
                assertMismatch(withHeaders(request, Mutations.changeLastValue(request.headers(), header,
                        Mutations::flipLastLetterOrDigit)));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void changingThePathBreaksTheSignature(String name) {
        RequestView request = signedRequest(name);

        assertMismatch(new RequestView(request.method(), request.rawPath() + "x", request.rawQuery(),
                request.headers(), request.body()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void changingTheQueryBreaksTheSignature(String name) {
        RequestView request = signedRequest(name);
        String changedQuery = request.rawQuery().isEmpty() ? "x=1" : Mutations.flipLastLetterOrDigit(request.rawQuery());

        assertMismatch(new RequestView(request.method(), request.rawPath(), changedQuery, request.headers(),
                request.body()));
    }

    @Test
    void aSessionTokenAddedAfterSigningIsNotCovered() throws SigV4Exception {
        RequestView request = RawHttpRequest.parse(resource("post-sts-header-after", "sreq").orElseThrow());

        assertThat(request.headers().contains("X-Amz-Security-Token")).isTrue();
        verifier.verify(request, SigV4Authorization.parse(request), SECRET);
    }

    private void assertMismatch(RequestView changed) {
        assertThatThrownBy(() -> verifier.verify(changed, SigV4Authorization.parse(changed), SECRET))
                .isInstanceOfSatisfying(SigV4Exception.class,
                        e -> assertThat(e.reason()).isEqualTo(SigV4Exception.Reason.MISMATCH));
    }

    private static RequestView withHeaders(RequestView request, Headers headers) {
        return new RequestView(request.method(), request.rawPath(), request.rawQuery(), headers, request.body());
    }

    /** The suite's request with the suite's Authorization header added. */
    static RequestView signedRequest(String name) {
        RequestView request = RawHttpRequest.parse(resource(name, "req").orElseThrow());
        Headers headers = request.headers().toBuilder()
                .add("Authorization", resource(name, "authz").orElseThrow()).build();
        return withHeaders(request, headers);
    }

    private static String expectedSignature(String name) {
        String authz = resource(name, "authz").orElseThrow();
        return authz.substring(authz.indexOf("Signature=") + "Signature=".length());
    }

    static Optional<String> resource(String name, String extension) {
        try (InputStream in = AwsSigV4TestSuiteTest.class
                .getResourceAsStream("/sigv4/" + name + "/" + name + "." + extension)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
