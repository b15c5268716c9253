package io.gatehouse.proxy.internal.stream;

import io.gatehouse.proxy.internal.error.ErrorCode;
import io.gatehouse.proxy.internal.error.GatewayException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.Consumer;

/** Hashes a streamed body and compares it with the hex {@code x-amz-content-sha256} the request was signed with. */
public final class Sha256Check implements PayloadCheck {

    private final byte[] expected;
    private final MessageDigest digest = Digests.sha256();

    /** @param expectedHex the declared SHA-256, 64 hex digits */
    public Sha256Check(String expectedHex) {
        this.expected = HexFormat.of().parseHex(expectedHex.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public void accept(ByteBuffer input, Consumer<ByteBuffer> output) {
        digest.update(input.duplicate());
        output.accept(input);
    }

    @Override
    public void finish(Consumer<ByteBuffer> output) {
        if (!MessageDigest.isEqual(expected, digest.digest())) {
            throw new GatewayException(ErrorCode.PAYLOAD_HASH_MISMATCH, "The provided 'x-amz-content-sha256' header "
                    + "does not match what was computed: the body does not hash to the value it was signed with. "
                    + "Nothing was stored.");
        }
    }
}
