package io.gatehouse.plugins.aws.support.form;

import io.gatehouse.plugins.aws.support.text.Printable;
import io.gatehouse.api.adapter.DecodeException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes {@code application/x-www-form-urlencoded} text (a form body or a query string) strictly: UTF-8 after
 * percent-decoding, {@code +} as a space, every {@code %} followed by two hex digits, only printable ASCII on the
 * wire, every pair written {@code name=value}, no empty pairs and no name twice. Anything else is refused, so the
 * parameters policy decides on are the ones the service reads.
 *
 */
public final class FormDecoder {

    /** The error code of a query string or form body that cannot be decoded. */
    public static final String MALFORMED = "MalformedQueryString";

    private FormDecoder() {
    }

    /**
     * @param raw the encoded text, e.g. {@code Action=SendMessage&QueueUrl=http%3A%2F%2F...}; empty for none
     * @param where names the text in error messages, e.g. {@code "The form body"}
     * @return the decoded names to values, in order
     * @throws DecodeException {@value #MALFORMED} when the text is not strictly form-encoded or repeats a name
     */
    public static Map<String, String> decode(String raw, String where) throws DecodeException {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (raw.isEmpty()) {
            return pairs;
        }
        for (String pair : raw.split("&", -1)) {
            int equals = pair.indexOf('=');
            if (pair.isEmpty() || equals <= 0) {
                throw malformed(where, pair.isEmpty() ? "has an empty parameter (a stray '&')"
                        : "has a parameter without a name or without '=': '" + Printable.of(pair) + "'");
            }
            String name = unescape(pair.substring(0, equals), where);
            String value = unescape(pair.substring(equals + 1), where);
            if (pairs.putIfAbsent(name, value) != null) {
                throw malformed(where, "names parameter '" + Printable.of(name) + "' twice; send it once");
            }
        }
        return pairs;
    }

    /** Percent-decodes one name or value; {@code +} is a space. */
    public static String unescape(String text, String where) throws DecodeException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = high >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (low < 0) {
                    throw malformed(where, "has a '%' that is not followed by two hex digits");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else if (c > 0x20 && c < 0x7f) {
                bytes.write(c);
            } else {
                throw malformed(where, "has a character that must be percent-encoded (code " + (int) c + ")");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw malformed(where, "is not valid UTF-8 once percent-decoded");
        }
    }

    private static DecodeException malformed(String where, String problem) {
        return new DecodeException(MALFORMED, where + " " + problem);
    }
}
