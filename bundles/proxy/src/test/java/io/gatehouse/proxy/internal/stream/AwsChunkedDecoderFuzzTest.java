package io.gatehouse.proxy.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * Fuzz target for the aws-chunked decoder: any bytes, split anywhere, in any mode, either decode or are refused with
 * an {@link AwsChunkedException} — never another exception — and never decode to more data than they hold or to a
 * chunk above the limit. Without {@code JAZZER_FUZZ=1} it runs its committed seeds (regression mode).
 */
class AwsChunkedDecoderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodesOrRefusesCleanly(FuzzedDataProvider data) {
        boolean signed = data.consumeBoolean();
        boolean trailers = data.consumeBoolean();
        int[] splits = {data.consumeInt(1, 64), data.consumeInt(1, 4096)};
        byte[] body = data.consumeRemainingAsBytes();
        AwsChunkedDecoderTest.Recorder recorder = new AwsChunkedDecoderTest.Recorder();
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(signed, trailers, 4096, recorder);
        try {
            for (int at = 0, i = 0; at < body.length; i++) {
                int n = Math.min(splits[i % 2], body.length - at);
                decoder.feed(ByteBuffer.wrap(body, at, n));
                at += n;
            }
            decoder.finish();
            assertThat(recorder.events).last().isEqualTo("end");
        } catch (AwsChunkedException refused) {
            // refused cleanly
        }
        assertThat(recorder.data.size()).isLessThanOrEqualTo(body.length);
    }
}
