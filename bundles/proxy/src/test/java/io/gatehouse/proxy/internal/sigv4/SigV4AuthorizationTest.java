package io.gatehouse.proxy.internal.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.proxy.internal.sigv4.SigV4Exception.Reason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SigV4AuthorizationTest {

    private static final String SIGNATURE = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
    private static final String VALID = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
            + "aws4_request, SignedHeaders=host;x-amz-date, Signature=" + SIGNATURE;

    @Test
    void parsesTheCredentialScopeSignedHeadersAndSignature() throws SigV4Exception {
        SigV4Authorization authorization = SigV4Authorization.parse(request(VALID));

        assertThat(authorization).isEqualTo(new SigV4Authorization("AKIDEXAMPLE", "20150830", "us-east-1", "service",
                List.of("host", "x-amz-date"), SIGNATURE));
        assertThat(authorization.credentialScope()).isEqualTo("20150830/us-east-1/service/aws4_request");
    }

    @Test
    void acceptsThePartsInAnyOrderAndWithoutSpaces() throws SigV4Exception {
        SigV4Authorization authorization = SigV4Authorization.parse("AWS4-HMAC-SHA256 Signature=" + SIGNATURE
                + ",SignedHeaders=host,Credential=AKID/20240101/eu-west-1/dynamodb/aws4_request");

        assertThat(authorization.service()).isEqualTo("dynamodb");
        assertThat(authorization.signedHeaders()).containsExactly("host");
    }

    @Test
    void keepsAnImmutableCopyOfTheSignedHeaders() {
        List<String> names = new ArrayList<>(List.of("host"));
        SigV4Authorization authorization = new SigV4Authorization("AKID", "20240101", "r", "s", names, SIGNATURE);
        names.add("x-amz-date");

        assertThat(authorization.signedHeaders()).containsExactly("host");
        assertThatThrownBy(() -> authorization.signedHeaders().add("date"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void saysMissingWithoutAnAuthorizationHeader() {
        assertThatThrownBy(() -> SigV4Authorization.parse(new RequestView("GET", "/", "a=1", Headers.empty(),
                Body.empty()))).isInstanceOfSatisfying(SigV4Exception.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MISSING));
    }

    @Test
    void saysUnsupportedForPresignedUrls() {
        RequestView presigned = new RequestView("GET", "/", "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature="
                + SIGNATURE, Headers.empty(), Body.empty());

        assertThatThrownBy(() -> SigV4Authorization.parse(presigned)).isInstanceOfSatisfying(SigV4Exception.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED));
    }

    @Test
    void refusesTwoAuthorizationHeaders() {
        RequestView request = new RequestView("GET", "/", "", Headers.builder().add("Authorization", VALID)
                .add("Authorization", VALID).build(), Body.empty());

        assertMalformed(request);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "garbage",
        "",
        "AWS4-HMAC-SHA256",
        "AWS4-HMAC-SHA1 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host, "
                + "Signature=" + SIGNATURE,
        "AWS AKIDEXAMPLE:c2lnbmF0dXJl",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 SignedHeaders=host, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws5_request, SignedHeaders=host, "
                + "Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/aws4_request, SignedHeaders=host, "
                + "Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/2015-08-30/us-east-1/service/aws4_request, SignedHeaders=host, "
                + "Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=/20150830/us-east-1/service/aws4_request, SignedHeaders=host, "
                + "Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=x-amz-date;host, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=Host;x-amz-date, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;host, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=x-amz-date, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;;x-amz-date, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host, "
                + "Signature=5FA00FA31553B73EBF1942676E86291E8372FF2A2260956D9B8AAE1D763FBF31",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host, "
                + "Signature=5fa00fa3",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host, "
                + "Signature=" + SIGNATURE + ", Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host, "
                + "Signature=" + SIGNATURE + ", Extra=1"
    })
    void refusesAMalformedAuthorizationHeader(String header) {
        assertMalformed(request(header));
    }

    private static void assertMalformed(RequestView request) {
        assertThatThrownBy(() -> SigV4Authorization.parse(request)).isInstanceOfSatisfying(SigV4Exception.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    }

    private static RequestView request(String authorization) {
        return new RequestView("GET", "/", "", Headers.builder().add("Authorization", authorization).build(),
                Body.empty());
    }
}
