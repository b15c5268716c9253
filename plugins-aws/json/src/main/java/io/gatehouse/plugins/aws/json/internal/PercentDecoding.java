package io.gatehouse.plugins.aws.json.internal;

import io.gatehouse.api.adapter.DecodeException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a REST request's path and query the way the service reads them: the raw path is split at {@code /}
 * first, then each segment is percent-decoded exactly once (so {@code %2F} stays inside its segment and
 * {@code %252F} decodes to the text {@code %2F}). Dot segments, raw or encoded, are refused: a path that a server
 * or an intermediary might normalise could name another resource than the one decided on. {@code +} is a plus,
 * never a space.
 */
final class PercentDecoding {

    private PercentDecoding() {
    }

    /** @return the path's segments after the leading {@code /}, each decoded once */
    static List<String> pathSegments(String rawPath) throws DecodeException {
        if (!rawPath.startsWith("/")) {
            throw Messages.invalid("The path", rawPath, "must start with /");
        }
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.substring(1).split("/", -1)) {
            String segment = decode(raw, "A path segment");
            if (segment.equals(".") || segment.equals("..")) {
                throw Messages.invalid("The path", rawPath, "has a dot segment ('.' or '..'), which Gatehouse refuses");
            }
            segments.add(segment);
        }
        return segments;
    }

    /** @return query parameter names to their values, each decoded once; a name given twice is refused */
    static Map<String, String> query(String rawQuery) throws DecodeException {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), "A query parameter name");
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), "Query parameter " + name);
            if (parameters.putIfAbsent(name, value) != null) {
                throw Messages.invalid("Query parameter", name, "is given twice; give it once");
            }
        }
        return parameters;
    }

    static String decode(String raw, String where) throws DecodeException {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
            if (low < 0) {
                throw Messages.invalid(where, raw, "has a malformed percent-encoding");
            }
            bytes.write(high << 4 | low);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw Messages.invalid(where, raw, "does not decode to UTF-8");
        }
    }
}
