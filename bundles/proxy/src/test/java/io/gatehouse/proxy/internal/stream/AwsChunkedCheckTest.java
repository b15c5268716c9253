package io.gatehouse.proxy.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.proxy.internal.error.GatewayException;
import io.gatehouse.proxy.internal.sigv4.SeedSignature;
import io.gatehouse.proxy.internal.sigv4.SigV4Authorization;
import io.gatehouse.proxy.internal.sigv4.SigV4Verifier;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** Chunk signatures, decoded length and trailing checksums of aws-chunked uploads. */
class AwsChunkedCheckTest {

    private final ByteArrayOutputStream forwarded = new ByteArrayOutputStream();

    @Test
    void theVerifierAcceptsTheAwsExampleAndItsChunkSignaturesChainFromIt() throws Exception {
        SeedSignature seed = exampleSeed();
        assertThat(seed.signature()).isEqualTo(AwsExampleUpload.SEED);
        AwsChunkedCheck check = new AwsChunkedCheck(Optional.of(seed), false, AwsExampleUpload.DECODED_LENGTH,
                Set.of());

        feedInPieces(check, AwsExampleUpload.encoded(), 1000);
        check.finish(this::forward);

        assertThat(forwarded.toByteArray()).isEqualTo(AwsExampleUpload.payload());
    }

    @Test
    void aCorruptedChunkSignatureIsRefusedBeforeThatChunkIsForwarded() throws Exception {
        byte[] body = AwsExampleUpload.encoded();
        String text = new String(body, StandardCharsets.ISO_8859_1).replace(AwsExampleUpload.CHUNK_2,
                AwsExampleUpload.CHUNK_2.replace('5', '6'));
        AwsChunkedCheck check = new AwsChunkedCheck(Optional.of(exampleSeed()), false,
                AwsExampleUpload.DECODED_LENGTH, Set.of());

        assertThatThrownBy(() -> feedInPieces(check, text.getBytes(StandardCharsets.ISO_8859_1), 4096))
                .isInstanceOf(GatewayException.class)
                .satisfies(e -> assertThat(((GatewayException) e).code()).isEqualTo("SignatureDoesNotMatch"))
                .satisfies(e -> assertThat(((GatewayException) e).status()).isEqualTo(403));
        assertThat(forwarded.size()).as("only the first, verified chunk went on").isEqualTo(65536);
    }

    @Test
    void changedDataUnderAValidSignatureIsRefused() {
        byte[] body = AwsExampleUpload.encoded();
        body[100] = 'b';
        AwsChunkedCheck check = new AwsChunkedCheck(Optional.of(exampleSeed()), false,
                AwsExampleUpload.DECODED_LENGTH, Set.of());

        assertThatThrownBy(() -> feedInPieces(check, body, 65536)).isInstanceOf(GatewayException.class)
                .hasMessageContaining("signature");
        assertThat(forwarded.size()).isZero();
    }

    @Test
    void aDecodedLengthOtherThanDeclaredIsRefused() {
        AwsChunkedCheck shorter = new AwsChunkedCheck(Optional.of(exampleSeed()), false,
                AwsExampleUpload.DECODED_LENGTH + 1, Set.of());
        feedInPieces(shorter, AwsExampleUpload.encoded(), 8192);
        assertThatThrownBy(() -> shorter.finish(this::forward)).isInstanceOf(GatewayException.class)
                .hasMessageContaining("decodes to 66560");

        AwsChunkedCheck longer = new AwsChunkedCheck(Optional.of(exampleSeed()), false, 65536, Set.of());
        assertThatThrownBy(() -> feedInPieces(longer, AwsExampleUpload.encoded(), 8192))
                .isInstanceOf(GatewayException.class).hasMessageContaining("longer than");
    }

    @Test
    void unsignedChunksAreCheckedAgainstTheirTrailingChecksum() {
        byte[] data = "hello world".getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(data);
        String good = Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        AwsChunkedCheck ok = unsignedWithCrc(data.length);
        feedInPieces(ok, unsignedBody("hello world", good), 3);
        ok.finish(this::forward);
        assertThat(forwarded.toString(StandardCharsets.US_ASCII)).isEqualTo("hello world");

        AwsChunkedCheck bad = unsignedWithCrc(data.length);
        feedInPieces(bad, unsignedBody("hello_world", good), 3);
        assertThatThrownBy(() -> bad.finish(this::forward)).isInstanceOf(GatewayException.class)
                .satisfies(e -> assertThat(((GatewayException) e).code()).isEqualTo("BadDigest"));
    }

    @Test
    void undeclaredOrMissingTrailersAreRefused() {
        AwsChunkedCheck check = new AwsChunkedCheck(Optional.empty(), true, 5, Set.of("x-amz-checksum-crc32"));
        assertThatThrownBy(() -> feedInPieces(check, ("5\r\nhello\r\n0\r\nx-amz-checksum-sha1:AAAA\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), 100)).isInstanceOf(GatewayException.class)
                .hasMessageContaining("not declared");
        AwsChunkedCheck none = new AwsChunkedCheck(Optional.empty(), true, 5, Set.of("x-amz-checksum-crc32"));
        feedInPieces(none, "5\r\nhello\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 100);
        assertThatThrownBy(() -> none.finish(this::forward)).isInstanceOf(GatewayException.class)
                .hasMessageContaining("not the declared");
    }

    @Test
    void anUnsignedUploadWithAnUnverifiableChecksumIsRefusedUpFront() {
        assertThatThrownBy(() -> new AwsChunkedCheck(Optional.empty(), true, 5, Set.of("x-amz-checksum-crc64nvme")))
                .isInstanceOf(GatewayException.class).hasMessageContaining("cannot be verified");
    }

    private static AwsChunkedCheck unsignedWithCrc(long length) {
        return new AwsChunkedCheck(Optional.empty(), true, length, Set.of("x-amz-checksum-crc32"));
    }

    private static byte[] unsignedBody(String data, String crc) {
        return (Integer.toHexString(data.length()) + "\r\n" + data + "\r\n0\r\nx-amz-checksum-crc32:" + crc
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The example's seed, as the real verifier produces it from the documented request. */
    static SeedSignature exampleSeed() {
        RequestView request = AwsExampleUpload.request(new StreamedRequestBody(AwsExampleUpload.ENCODED_LENGTH,
                null));
        SigV4Verifier verifier = new SigV4Verifier(Clock.fixed(Instant.parse("2013-05-24T00:00:00Z"),
                ZoneOffset.UTC), Duration.ofMinutes(5));
        try {
            return verifier.verify(request, SigV4Authorization.parse(request), AwsExampleUpload.SECRET);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void feedInPieces(PayloadCheck check, byte[] body, int piece) {
        for (int at = 0; at < body.length; at += piece) {
            check.accept(ByteBuffer.wrap(body, at, Math.min(piece, body.length - at)), this::forward);
        }
    }

    private void forward(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        forwarded.writeBytes(bytes);
    }
}
