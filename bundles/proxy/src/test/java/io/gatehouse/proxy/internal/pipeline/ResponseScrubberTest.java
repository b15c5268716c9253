package io.gatehouse.proxy.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.api.credentials.UpstreamCredentials;
import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.ResponseView;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ResponseScrubberTest {

    private final UpstreamCredentials credentials = new UpstreamCredentials("AKIAUPSTREAM0001", "up-secret-xyz",
            Optional.of("up-token-123"), Optional.empty());

    @Test
    void removesUpstreamKeysFromBodyAndHeadersAndFixesTheCrc() {
        String body = "{\"message\":\"The security token AKIAUPSTREAM0001 / up-token-123 is invalid;"
                + " string to sign used up-secret-xyz\"}";
        ResponseView upstream = new ResponseView(400, Headers.builder().add("x-amz-crc32", "1")
                .add("x-debug", "key=AKIAUPSTREAM0001").build(), Body.of(body.getBytes(StandardCharsets.UTF_8)));

        ResponseView scrubbed = ResponseScrubber.scrub(upstream, credentials);

        String text = scrubbed.body().utf8();
        assertThat(text).doesNotContain("AKIAUPSTREAM0001", "up-secret-xyz", "up-token-123")
                .contains("The security token **************** / ************ is invalid")
                .hasSize(body.length());
        assertThat(scrubbed.headers().first("x-debug")).contains("key=" + ResponseScrubber.REDACTED);
        CRC32 crc = new CRC32();
        crc.update(scrubbed.body().bytes());
        assertThat(scrubbed.headers().first("x-amz-crc32")).contains(Long.toString(crc.getValue()));
    }

    @Test
    void removesTheSignatureDiagnosticsOfAnS3ErrorAnswer() {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SignatureDoesNotMatch</Code>"
                + "<Message>The request signature we calculated does not match</Message>"
                + "<AWSAccessKeyId>AKIAUPSTREAM0001</AWSAccessKeyId>"
                + "<StringToSign>AWS4-HMAC-SHA256\n20260101T000000Z\n20260101/us-east-1/s3/aws4_request\nabc"
                + "</StringToSign><SignatureProvided>0123abcd</SignatureProvided>"
                + "<StringToSignBytes>41 57 53 34</StringToSignBytes>"
                + "<CanonicalRequest>PUT\n/b/k\n\nhost:s3\n\nhost\nUNSIGNED-PAYLOAD</CanonicalRequest>"
                + "<CanonicalRequestBytes>50 55 54</CanonicalRequestBytes><RequestId>1</RequestId></Error>";
        ResponseView upstream = new ResponseView(403, Headers.builder().add("content-type", "application/xml")
                .build(), Body.of(body.getBytes(StandardCharsets.UTF_8)));

        String text = ResponseScrubber.scrub(upstream, credentials).body().utf8();

        assertThat(text).doesNotContain("AKIAUPSTREAM0001", "20260101T000000Z", "0123abcd", "41 57 53 34",
                "UNSIGNED-PAYLOAD", "50 55 54")
                .contains("<Code>SignatureDoesNotMatch</Code>", "<RequestId>1</RequestId>",
                        "<StringToSign>" + ResponseScrubber.REDACTED + "</StringToSign>",
                        "<CanonicalRequest>" + ResponseScrubber.REDACTED + "</CanonicalRequest>");
    }

    @Test
    void leavesCleanAnswersUntouchedByteForByte() {
        byte[] binary = {(byte) 0xff, 0, (byte) 0xc3, 0x28, 'A'};
        ResponseView upstream = new ResponseView(200, Headers.builder().add("x-amz-crc32", "42").build(),
                Body.of(binary));

        assertThat(ResponseScrubber.scrub(upstream, credentials)).isSameAs(upstream);
    }
}
