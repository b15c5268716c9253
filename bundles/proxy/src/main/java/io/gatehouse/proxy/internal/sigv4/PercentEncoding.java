package io.gatehouse.proxy.internal.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * SigV4's URI encoding (RFC 3986): every byte of the UTF-8 form is written as {@code %XX} with upper-case hex, except
 * the unreserved characters {@code A-Z a-z 0-9 - _ . ~}. Decoding is lenient: a {@code %} that does not start a valid
 * escape stays as it is, and {@code +} stays a plus sign, as AWS reads SigV4-signed URIs.
 */
final class PercentEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    /**
     * @param text the text to encode
     * @param keepSlash whether {@code /} stays as it is (paths) or is encoded (query names and values)
     * @return the encoded text
     */
    static String encode(String text, boolean keepSlash) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (isUnreserved(c) || keepSlash && c == '/') {
                out.append(c);
            } else {
                appendEscape(out, b);
            }
        }
        return out.toString();
    }

    /**
     * Encodes what is not yet encoded: valid {@code %XX} escapes, unreserved characters and {@code /} stay as they
     * are, everything else is escaped. This is how an S3 path as sent becomes its canonical form.
     *
     * @param text a path, usually already percent-encoded
     * @return the path with every remaining reserved or non-ASCII character escaped
     */
    static String encodeKeepingEscapes(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            char c = (char) (bytes[i] & 0xFF);
            if (isUnreserved(c) || c == '/' || c == '%' && isEscape(bytes, i)) {
                out.append(c);
            } else {
                appendEscape(out, bytes[i]);
            }
        }
        return out.toString();
    }

    /**
     * @param text percent-encoded text
     * @return the text with every valid escape decoded as UTF-8
     */
    static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && isEscape(bytes, i)) {
                out.write(Character.digit(bytes[i + 1], 16) << 4 | Character.digit(bytes[i + 2], 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isEscape(byte[] bytes, int at) {
        return at + 2 < bytes.length && Character.digit(bytes[at + 1], 16) >= 0
                && Character.digit(bytes[at + 2], 16) >= 0;
    }

    private static boolean isUnreserved(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    private static void appendEscape(StringBuilder out, byte b) {
        out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }
}
