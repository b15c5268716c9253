package io.gatehouse.proxy.internal.stream;

import io.gatehouse.proxy.internal.error.GatewayException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Checks (and, for aws-chunked, decodes) a request body while it streams upstream. It sees the client's bytes in
 * order and hands on the bytes the upstream gets; a failed check throws, and the caller aborts the upstream request
 * before its last bytes were sent, so that the upstream never completes it.
 */
public interface PayloadCheck {

    /**
     * @param input the next bytes from the client; consumed completely
     * @param output receives the bytes to send upstream (buffers it may keep)
     * @throws GatewayException when the bytes fail the check
     */
    void accept(ByteBuffer input, Consumer<ByteBuffer> output);

    /**
     * The client's body ended.
     *
     * @param output receives any last bytes to send upstream
     * @throws GatewayException when the whole body fails the check
     */
    void finish(Consumer<ByteBuffer> output);

    /** @return a check that passes every byte ({@code UNSIGNED-PAYLOAD}) */
    static PayloadCheck none() {
        return new PayloadCheck() {
            @Override
            public void accept(ByteBuffer input, Consumer<ByteBuffer> output) {
                output.accept(input);
            }

            @Override
            public void finish(Consumer<ByteBuffer> output) {
            }
        };
    }
}
