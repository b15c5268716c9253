package io.gatehouse.proxy.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Secrets split at any byte offset, in any number of pieces, are masked; everything else passes byte for byte. */
class StreamingScrubberTest {

    private static final String KEY_ID = "AKIAUPSTREAM00000001";
    private static final String SECRET = "upstream/Secret+Key0123456789abcdefghijkl";
    private static final String TOKEN = "IQoJb3JpZ2luX2VjEtoken" + "x".repeat(300);
    private static final List<String> SECRETS = List.of(KEY_ID, SECRET, TOKEN);

    @Test
    void masksEverySecretSplitAtEveryOffsetIntoTwoPieces() {
        for (String secret : SECRETS) {
            String text = "<Error><AWSAccessKeyId>" + secret + "</AWSAccessKeyId>" + secret + "</Error>";
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            String expected = text.replace(secret, "*".repeat(secret.length()));
            for (int split = 0; split <= body.length; split++) {
                String out = scrub(body, split, body.length - split);
                assertThat(out).as("split at %d", split).isEqualTo(expected).doesNotContain(secret);
            }
        }
    }

    @Test
    void masksSecretsFedOneByteAtATimeAndInRandomPieces() {
        String text = "start " + KEY_ID + SECRET + " mid " + TOKEN + " " + KEY_ID + " end";
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        String expected = text.replace(KEY_ID, "*".repeat(KEY_ID.length())).replace(SECRET,
                "*".repeat(SECRET.length())).replace(TOKEN, "*".repeat(TOKEN.length()));
        assertThat(scrubInPieces(body, new int[] {1})).isEqualTo(expected);
        Random random = new Random(7);
        for (int run = 0; run < 200; run++) {
            int[] sizes = random.ints(64, 1, 40).toArray();
            assertThat(scrubInPieces(body, sizes)).isEqualTo(expected);
        }
    }

    @Test
    void keepsTheLengthAndLeavesOtherBytesAlone() {
        byte[] binary = new byte[100_000];
        new Random(1).nextBytes(binary);
        byte[] key = KEY_ID.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(key, 0, binary, 65530, key.length);
        byte[] expected = binary.clone();
        java.util.Arrays.fill(expected, 65530, 65530 + key.length, (byte) '*');

        StreamingScrubber scrubber = new StreamingScrubber(SECRETS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < binary.length; at += 8192) {
            write(out, scrubber.scrub(ByteBuffer.wrap(binary, at, Math.min(8192, binary.length - at))));
        }
        write(out, scrubber.finish());

        assertThat(out.toByteArray()).isEqualTo(expected);
        assertThat(scrubber.maskedCount()).isEqualTo(1);
    }

    @Test
    void holdsBackNoMoreThanTheLongestSecretMinusOne() {
        StreamingScrubber scrubber = new StreamingScrubber(List.of(KEY_ID));
        ByteBuffer released = scrubber.scrub(ByteBuffer.wrap(new byte[1000]));
        assertThat(released.remaining()).isEqualTo(1000 - (KEY_ID.length() - 1));
        assertThat(scrubber.finish().remaining()).isEqualTo(KEY_ID.length() - 1);
    }

    private static String scrub(byte[] body, int first, int second) {
        StreamingScrubber scrubber = new StreamingScrubber(SECRETS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, scrubber.scrub(ByteBuffer.wrap(body, 0, first)));
        write(out, scrubber.scrub(ByteBuffer.wrap(body, first, second)));
        write(out, scrubber.finish());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String scrubInPieces(byte[] body, int[] sizes) {
        StreamingScrubber scrubber = new StreamingScrubber(SECRETS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        for (int i = 0; at < body.length; i++) {
            int n = Math.min(sizes[i % sizes.length], body.length - at);
            write(out, scrubber.scrub(ByteBuffer.wrap(body, at, n)));
            at += n;
        }
        write(out, scrubber.finish());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void write(ByteArrayOutputStream out, ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        out.writeBytes(bytes);
    }
}
