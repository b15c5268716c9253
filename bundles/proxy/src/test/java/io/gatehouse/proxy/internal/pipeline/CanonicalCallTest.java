package io.gatehouse.proxy.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CanonicalCallTest {

    private static final String BODY = "{\"TableName\":\"prod\"}";
    private static final RequestView CALL = PolicyFixtures.deleteTableRequest("20261125T120000Z", "a".repeat(64), BODY);
    private static final String HASH = CanonicalCall.hash(CALL, "dynamodb", "eu-west-1");

    @Test
    void theSameCommandRunAgainHasTheSameHash() {
        RequestView rerun = PolicyFixtures.deleteTableRequest("20261125T121500Z", "b".repeat(64), BODY);

        assertThat(HASH).matches("[0-9a-f]{64}");
        assertThat(CanonicalCall.hash(rerun, "dynamodb", "eu-west-1")).isEqualTo(HASH);
    }

    @Test
    void everyMeaningfulPartChangesTheHash() {
        assertThat(CanonicalCall.hash(CALL, "dynamodb", "us-east-1")).isNotEqualTo(HASH);
        assertThat(CanonicalCall.hash(CALL, "kinesis", "eu-west-1")).isNotEqualTo(HASH);
        assertThat(hashOf(r -> new RequestView("PUT", r.rawPath(), r.rawQuery(), r.headers(), r.body())))
                .isNotEqualTo(HASH);
        assertThat(hashOf(r -> new RequestView(r.method(), "/x", r.rawQuery(), r.headers(), r.body())))
                .isNotEqualTo(HASH);
        assertThat(hashOf(r -> new RequestView(r.method(), r.rawPath(), "a=1", r.headers(), r.body())))
                .isNotEqualTo(HASH);
        assertThat(hashOf(r -> new RequestView(r.method(), r.rawPath(), r.rawQuery(), r.headers(),
                Body.of(BODY.replace("prod", "prod2").getBytes(StandardCharsets.UTF_8))))).isNotEqualTo(HASH);
        assertThat(hashOf(r -> withHeader(r, "X-Amz-Target", "DynamoDB_20120810.DeleteItem"))).isNotEqualTo(HASH);
        assertThat(hashOf(r -> withHeader(r, "x-amz-acl", "public-read"))).isNotEqualTo(HASH);
        assertThat(hashOf(r -> withHeader(r, "Host", "localhost:7700"))).isNotEqualTo(HASH);
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        RequestView a = new RequestView("GET", "/ab", "", Headers.builder().build(), Body.empty());
        RequestView b = new RequestView("GET", "/a", "b", Headers.builder().build(), Body.empty());

        assertThat(CanonicalCall.hash(a, "s3", "eu-west-1")).isNotEqualTo(CanonicalCall.hash(b, "s3", "eu-west-1"));
    }

    @Test
    void queryParameterOrderDoesNotMatterButValuesDo() {
        RequestView one = new RequestView("GET", "/b", "list-type=2&prefix=a", Headers.builder().build(), Body.empty());
        RequestView two = new RequestView("GET", "/b", "prefix=a&list-type=2", Headers.builder().build(), Body.empty());
        RequestView other = new RequestView("GET", "/b", "prefix=b&list-type=2", Headers.builder().build(),
                Body.empty());

        assertThat(CanonicalCall.hash(one, "s3", "r")).isEqualTo(CanonicalCall.hash(two, "s3", "r"))
                .isNotEqualTo(CanonicalCall.hash(other, "s3", "r"));
    }

    @Test
    void aStreamedBodyIsBoundByItsSignedPayloadHashOrNotAtAll() {
        RequestView signed = streamed("a".repeat(64));
        RequestView otherContent = streamed("b".repeat(64));

        assertThat(CanonicalCall.hash(signed, "s3", "r")).isEqualTo(CanonicalCall.hash(streamed("a".repeat(64)), "s3",
                "r")).isNotEqualTo(CanonicalCall.hash(otherContent, "s3", "r"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CanonicalCall.hash(streamed("UNSIGNED-PAYLOAD"),
                "s3", "r")).isInstanceOf(CanonicalCall.UnboundBodyException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CanonicalCall.hash(
                streamed("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"), "s3", "r"))
                .isInstanceOf(CanonicalCall.UnboundBodyException.class);
    }

    private static RequestView streamed(String payloadHash) {
        Body body = new Body() {
            @Override
            public long length() {
                return 1 << 30;
            }

            @Override
            public java.io.InputStream openStream() {
                throw new IllegalStateException("streamed");
            }

            @Override
            public byte[] bytes() {
                throw new IllegalStateException("streamed");
            }

            @Override
            public boolean isStreamed() {
                return true;
            }
        };
        return new RequestView("PUT", "/bucket/key", "", Headers.builder().add("Host", "gw")
                .add("x-amz-content-sha256", payloadHash).build(), body);
    }

    private static String hashOf(UnaryOperator<RequestView> change) {
        return CanonicalCall.hash(change.apply(CALL), "dynamodb", "eu-west-1");
    }

    private static RequestView withHeader(RequestView request, String name, String value) {
        Headers.Builder headers = Headers.builder();
        request.headers().asMap().forEach((n, values) -> {
            if (!n.equalsIgnoreCase(name)) {
                values.forEach(v -> headers.add(n, v));
            }
        });
        headers.add(name, value);
        return new RequestView(request.method(), request.rawPath(), request.rawQuery(), headers.build(),
                request.body());
    }
}
