package io.gatehouse.proxy.internal.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.proxy.internal.sigv4.SigV4Exception.Reason;
import io.gatehouse.proxy.internal.stream.StreamedRequestBody;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which payload forms a streamed body may declare, and that only S3 streams. */
class StreamedPayloadHashTest {

    private static final String HEX = "a".repeat(64);

    @Test
    void aStreamedS3BodyDeclaresItsHashOrAnAwsChunkedFormAndIsCheckedLater() throws Exception {
        for (String value : List.of(HEX, "UNSIGNED-PAYLOAD", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", "STREAMING-UNSIGNED-PAYLOAD-TRAILER")) {
            assertThat(PayloadHash.of(request(value, streamed()), authorization("s3"))).isEqualTo(value);
        }
    }

    @Test
    void otherStreamingFormsAndHeldAwsChunkedBodiesAreUnsupported() {
        assertThatThrownBy(() -> PayloadHash.of(request("STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD", streamed()),
                authorization("s3"))).extracting("reason").isEqualTo(Reason.UNSUPPORTED);
        assertThatThrownBy(() -> PayloadHash.of(request("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", Body.of(new byte[3])),
                authorization("s3"))).extracting("reason").isEqualTo(Reason.UNSUPPORTED);
    }

    @Test
    void onlyS3BodiesAreStreamed() {
        assertThatThrownBy(() -> PayloadHash.of(request(HEX, streamed()), authorization("dynamodb")))
                .isInstanceOf(SigV4Exception.class).extracting("reason").isEqualTo(Reason.MALFORMED);
    }

    private static Body streamed() {
        return new StreamedRequestBody(1 << 20, null);
    }

    private static RequestView request(String payloadHash, Body body) {
        return new RequestView("PUT", "/b/k", "", Headers.builder().add("x-amz-content-sha256", payloadHash)
                .build(), body);
    }

    private static SigV4Authorization authorization(String service) {
        return new SigV4Authorization("AKIDEXAMPLE", "20150830", "us-east-1", service,
                List.of("host", "x-amz-content-sha256", "x-amz-date"), "b".repeat(64));
    }
}
