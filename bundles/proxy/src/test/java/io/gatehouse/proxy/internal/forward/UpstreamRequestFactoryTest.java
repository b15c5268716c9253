package io.gatehouse.proxy.internal.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.api.credentials.UpstreamCredentials;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.proxy.internal.sigv4.SigV4Authorization;
import io.gatehouse.proxy.internal.sigv4.SigV4Verifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpRequest;

class UpstreamRequestFactoryTest {

    private static final UpstreamCredentials UPSTREAM = new UpstreamCredentials("AKIAUPSTREAM0001",
            "upstream-secret-0123456789", Optional.of("upstream-session-token"), Optional.empty());

    private final UpstreamRequestFactory factory = new UpstreamRequestFactory();

    @Test
    void dropsClientCredentialsAndHopByHopHeadersAndKeepsTheCall() {
        SdkHttpRequest upstream = factory.create(clientRequest(), operation(), URI.create("http://127.0.0.1:8000"),
                UPSTREAM);

        Map<String, List<String>> headers = upstream.headers();
        assertThat(headers.get("Authorization").get(0)).contains("Credential=AKIAUPSTREAM0001/")
                .doesNotContain("GHCLIENTKEY00001");
        assertThat(headers.get("X-Amz-Security-Token")).containsExactly("upstream-session-token");
        assertThat(headers).doesNotContainKeys("x-gatehouse-debug", "connection", "x-custom-hop", "expect");
        assertThat(headers.get("x-amz-target")).containsExactly("DynamoDB_20120810.GetItem");
        assertThat(headers.get("Content-Length")).containsExactly("28");
        assertThat(upstream.host()).isEqualTo("127.0.0.1");
        assertThat(upstream.port()).isEqualTo(8000);
        assertThat(upstream.encodedPath()).isEqualTo("/");
        assertThat(upstream.rawQueryParameters()).containsEntry("a", List.of("1 2"));
    }

    @Test
    void theUpstreamSignatureVerifiesWithTheUpstreamSecretOnly() throws Exception {
        SdkHttpRequest upstream = factory.create(clientRequest(), operation(), URI.create("http://127.0.0.1:8000"),
                UPSTREAM);
        RequestView received = asReceived(upstream);
        SigV4Authorization authorization = SigV4Authorization.parse(received);
        SigV4Verifier verifier = new SigV4Verifier(Clock.systemUTC(), Duration.ofMinutes(5));

        verifier.verify(received, authorization, UPSTREAM.secretAccessKey());
        assertThat(authorization.service()).isEqualTo("dynamodb");
        assertThat(authorization.region()).isEqualTo("eu-west-1");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> verifier.verify(received, authorization, "client-secret-0123456789"))
                .isInstanceOf(io.gatehouse.proxy.internal.sigv4.SigV4Exception.class);
    }

    private static RequestView asReceived(SdkHttpRequest upstream) {
        Headers.Builder headers = Headers.builder();
        upstream.headers().forEach((name, values) -> values.forEach(value -> headers.add(name, value)));
        if (!headers.build().contains("host")) {
            headers.add("Host", upstream.host() + ":" + upstream.port());
        }
        String query = upstream.encodedQueryParameters().orElse("");
        return new RequestView(upstream.method().name(), upstream.encodedPath(), query, headers.build(),
                Body.of("{\"TableName\":\"Orders\",\"k\":1}".getBytes(StandardCharsets.UTF_8)));
    }

    private static RequestView clientRequest() {
        Headers headers = Headers.builder()
                .add("Host", "127.0.0.1:7700")
                .add("Authorization", "AWS4-HMAC-SHA256 Credential=GHCLIENTKEY00001/20260101/eu-west-1/dynamodb/"
                        + "aws4_request, SignedHeaders=host;x-amz-date, Signature=00")
                .add("X-Amz-Date", "20260101T000000Z")
                .add("X-Amz-Security-Token", "client-token")
                .add("X-Amz-Target", "DynamoDB_20120810.GetItem")
                .add("Content-Type", "application/x-amz-json-1.0")
                .add("Connection", "keep-alive, X-Custom-Hop")
                .add("X-Custom-Hop", "1")
                .add("Expect", "100-continue")
                .add("X-Gatehouse-Debug", "1")
                .add("Content-Length", "28")
                .build();
        return new RequestView("POST", "/", "a=1%202", headers,
                Body.of("{\"TableName\":\"Orders\",\"k\":1}".getBytes(StandardCharsets.UTF_8)));
    }

    private static AwsOperation operation() {
        return new AwsOperation("dynamodb", "GetItem", "eu-west-1",
                List.of("arn:aws:dynamodb:eu-west-1:000000000000:table/Orders"), Map.of());
    }
}
