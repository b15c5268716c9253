package io.gatehouse.plugins.aws.s3.internal;

import io.gatehouse.api.adapter.DecodeException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes percent-encoding exactly once, the way S3 reads a request path: {@code %2F} becomes a {@code /} inside
 * the value, {@code +} stays a plus, and the bytes must be well-formed UTF-8. A {@code %} not followed by two hex
 * digits is refused rather than passed through, so the gateway and S3 can never read one value two ways.
 */
final class PercentDecoder {

    private PercentDecoder() {
    }

    /**
     * @param raw the encoded text
     * @param plusIsSpace whether {@code +} stands for a space (query strings, as S3 reads them) or for itself (paths)
     * @param what what is decoded, for the error message
     */
    static String decode(String raw, boolean plusIsSpace, String what) throws DecodeException {
        if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0)) {
            return raw;
        }
        byte[] in = raw.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '%') {
                if (i + 2 >= in.length || hex(in[i + 1]) < 0 || hex(in[i + 2]) < 0) {
                    throw S3Errors.of(S3Errors.INVALID_URI, "The " + what + " has a '%' that is not followed by"
                            + " two hex digits; encode a percent sign as %25.");
                }
                bytes.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
                i += 2;
            } else {
                bytes.write(b == '+' && plusIsSpace ? ' ' : b);
            }
        }
        return utf8(bytes.toByteArray(), what);
    }

    private static String utf8(byte[] bytes, String what) throws DecodeException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw S3Errors.of(S3Errors.INVALID_URI, "The " + what + " does not decode to valid UTF-8.");
        }
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
