package io.gatehouse.proxy.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The aws-chunked grammar: every split of valid bodies decodes the same; malformed bodies and limits are refused. */
class AwsChunkedDecoderTest {

    private static final String SIG = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";

    /** Records what the decoder reports. */
    static final class Recorder implements AwsChunkedDecoder.Listener {
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        final List<String> events = new ArrayList<>();

        @Override
        public void chunk(byte[] chunk, String signature) {
            data.writeBytes(chunk);
            events.add("chunk " + chunk.length + " " + signature);
        }

        @Override
        public void trailer(String name, String value) {
            events.add("trailer " + name + "=" + value);
        }

        @Override
        public void trailerSignature(String signature) {
            events.add("trailer-signature " + signature);
        }

        @Override
        public void end() {
            events.add("end");
        }
    }

    @Test
    void decodesTheAwsExampleSplitAtEveryOffset() throws Exception {
        byte[] body = AwsExampleUpload.encoded();
        assertThat(body).hasSize(AwsExampleUpload.ENCODED_LENGTH);
        Recorder whole = decode(body, body.length);
        assertThat(whole.events).containsExactly("chunk 65536 " + AwsExampleUpload.CHUNK_1,
                "chunk 1024 " + AwsExampleUpload.CHUNK_2, "chunk 0 " + AwsExampleUpload.FINAL, "end");
        assertThat(whole.data.toByteArray()).isEqualTo(AwsExampleUpload.payload());
        for (int split = 0; split <= body.length; split++) {
            Recorder two = decodeSplitAt(body, split);
            assertThat(two.events).as("split at %d", split).isEqualTo(whole.events);
            assertThat(two.data.size()).isEqualTo(AwsExampleUpload.DECODED_LENGTH);
        }
    }

    @Test
    void decodesOneByteAtATime() throws Exception {
        byte[] body = signedTrailerBody();
        Recorder recorder = decode(body, 1);
        assertThat(recorder.events).containsExactly("chunk 5 " + SIG, "chunk 0 " + SIG,
                "trailer x-amz-checksum-crc32=AAAAAA==", "trailer-signature " + SIG, "end");
        assertThat(recorder.data.toString(StandardCharsets.US_ASCII)).isEqualTo("hello");
    }

    @Test
    void decodesUnsignedChunksWithTrailersAtEverySplit() throws Exception {
        byte[] body = ascii("5\r\nhello\r\n3\r\nabc\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n");
        for (int split = 0; split <= body.length; split++) {
            Recorder recorder = new Recorder();
            AwsChunkedDecoder decoder = new AwsChunkedDecoder(false, true, 1024, recorder);
            decoder.feed(ByteBuffer.wrap(body, 0, split));
            decoder.feed(ByteBuffer.wrap(body, split, body.length - split));
            decoder.finish();
            assertThat(recorder.events).containsExactly("chunk 5 null", "chunk 3 null", "chunk 0 null",
                    "trailer x-amz-checksum-crc32=AAAAAA==", "end");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "5;chunk-signature=" + SIG + "\nhello\r\n",                  // bare LF ends the size line
        "5;chunk-signature=" + SIG + "\r\nhello\n",                  // no CR after the data
        "5;chunk-signature=" + SIG + "\r\nhelloX\r\n",               // data longer than its size
        "+5;chunk-signature=" + SIG + "\r\nhello\r\n",               // signed size
        " 5;chunk-signature=" + SIG + "\r\nhello\r\n",               // leading space
        "5;chunk-signature=" + SIG + " \r\nhello\r\n",               // trailing space
        "5;chunk-signature=AD80C730A21E5B8D04586A2213DD63B9A0E99E0E2307B0ADE35A65485A288648\r\n", // upper-case
        "5;chunk-signature=ad80\r\nhello\r\n",                       // short signature
        "5;chunk-sig=" + SIG + "\r\nhello\r\n",                      // other extension
        "5\r\nhello\r\n",                                            // unsigned chunk in a signed body
        "g;chunk-signature=" + SIG + "\r\n",                         // not hex
        "123456789;chunk-signature=" + SIG + "\r\n",                 // nine hex digits
        "0;chunk-signature=" + SIG + "\r\n\r\nmore",                 // bytes after the end
        "0;chunk-signature=" + SIG + "\r\nX",                        // no CRLF after the final chunk
        "5;chunk-signature=" + SIG + "\r\r\nhello\r\n",              // CR not followed by LF
    })
    void refusesMalformedSignedBodies(String body) {
        assertThatThrownBy(() -> {
            AwsChunkedDecoder decoder = new AwsChunkedDecoder(true, false, 1 << 20, new Recorder());
            decoder.feed(ByteBuffer.wrap(ascii(body)));
            decoder.finish();
        }).isInstanceOf(AwsChunkedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0;chunk-signature=" + SIG + "\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n",           // no trailer signature
        "0;chunk-signature=" + SIG + "\r\nX-Amz-Checksum-Crc32:AAAAAA==\r\n\r\n",           // upper-case name
        "0;chunk-signature=" + SIG + "\r\nx-amz-checksum-crc32 AAAAAA==\r\n\r\n",           // no colon
        "0;chunk-signature=" + SIG + "\r\nx-amz-trailer-signature:" + SIG + "\r\nx-a:b\r\n\r\n", // after signature
        "0;chunk-signature=" + SIG + "\r\nx-amz-checksum-crc32:\r\n\r\n",                   // empty value
    })
    void refusesMalformedTrailers(String body) {
        assertThatThrownBy(() -> {
            AwsChunkedDecoder decoder = new AwsChunkedDecoder(true, true, 1 << 20, new Recorder());
            decoder.feed(ByteBuffer.wrap(ascii(body)));
            decoder.finish();
        }).isInstanceOf(AwsChunkedException.class);
    }

    @Test
    void refusesATruncatedBodyAtEveryLength() throws Exception {
        byte[] body = signedTrailerBody();
        for (int length = 0; length < body.length; length++) {
            AwsChunkedDecoder decoder = new AwsChunkedDecoder(true, true, 1024, new Recorder());
            decoder.feed(ByteBuffer.wrap(body, 0, length));
            assertThatThrownBy(decoder::finish).as("truncated to %d", length)
                    .isInstanceOf(AwsChunkedException.class);
        }
    }

    @Test
    void refusesAChunkOverTheLimitBeforeHoldingIt() {
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(true, false, 65536, new Recorder());
        assertThatThrownBy(() -> decoder.feed(ByteBuffer.wrap(ascii("10001;chunk-signature=" + SIG + "\r\n"))))
                .isInstanceOf(AwsChunkedException.TooLarge.class).hasMessageContaining("65537");
    }

    @Test
    void refusesOverlongLinesAndTrailerBlocks() {
        AwsChunkedDecoder lines = new AwsChunkedDecoder(true, false, 65536, new Recorder());
        assertThatThrownBy(() -> lines.feed(ByteBuffer.wrap(ascii("5;" + "x".repeat(300)))))
                .isInstanceOf(AwsChunkedException.class).hasMessageContaining("longer than");
        AwsChunkedDecoder trailers = new AwsChunkedDecoder(false, true, 65536, new Recorder());
        StringBuilder many = new StringBuilder("0\r\n");
        for (int i = 0; i < 100; i++) {
            many.append("x-amz-meta-").append(i).append(':').append("v".repeat(60)).append("\r\n");
        }
        assertThatThrownBy(() -> trailers.feed(ByteBuffer.wrap(ascii(many.toString()))))
                .isInstanceOf(AwsChunkedException.class).hasMessageContaining("trailers are longer");
    }

    private static byte[] signedTrailerBody() {
        return ascii("5;chunk-signature=" + SIG + "\r\nhello\r\n0;chunk-signature=" + SIG
                + "\r\nx-amz-checksum-crc32:AAAAAA==\r\nx-amz-trailer-signature:" + SIG + "\r\n\r\n");
    }

    private static Recorder decode(byte[] body, int piece) throws AwsChunkedException {
        Recorder recorder = new Recorder();
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(true, body != null && new String(body,
                StandardCharsets.ISO_8859_1).contains("x-amz-trailer-signature"), 1 << 20, recorder);
        for (int at = 0; at < body.length; at += piece) {
            decoder.feed(ByteBuffer.wrap(body, at, Math.min(piece, body.length - at)));
        }
        decoder.finish();
        return recorder;
    }

    private static Recorder decodeSplitAt(byte[] body, int split) throws AwsChunkedException {
        Recorder recorder = new Recorder();
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(true, false, 1 << 20, recorder);
        decoder.feed(ByteBuffer.wrap(body, 0, split));
        decoder.feed(ByteBuffer.wrap(body, split, body.length - split));
        decoder.finish();
        return recorder;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
