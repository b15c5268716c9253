package io.gatehouse.plugins.aws.sts.internal;

import io.gatehouse.plugins.aws.support.text.Printable;
import io.gatehouse.plugins.aws.support.form.FormDecoder;
import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.exchange.RequestView;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an STS query-protocol call: {@code Action=AssumeRole&RoleArn=...&Version=2011-06-15} in the form body of a
 * POST, the query string of a GET, or split between them. A parameter may come from either, never from both,
 * except {@code Action} and {@code Version} when both carry the same value. Two different actions, a name twice,
 * an {@code X-Amz-Target} header or a body that is not a UTF-8 form is refused.
 */
final class StsCallReader {

    /** The only API version of STS. */
    static final String VERSION = "2011-06-15";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Set<String> MAY_REPEAT = Set.of("Action", "Version");

    private StsCallReader() {
    }

    /** @return the call's parameters, {@code Action} included, known to be a known action */
    static Map<String, String> read(RequestView request) throws DecodeException {
        if (request.headers().contains("X-Amz-Target")) {
            throw new DecodeException(DecodeException.UNKNOWN_OPERATION, "STS speaks the query protocol only "
                    + "(Action=<Action>); the request has an X-Amz-Target header");
        }
        Map<String, String> query = FormDecoder.decode(request.rawQuery(), "The query string");
        Map<String, String> body = Map.of();
        if (request.body().length() > 0) {
            requireForm(request);
            body = FormDecoder.decode(request.body().utf8(), "The form body");
        }
        Map<String, String> parameters = merge(query, body);
        ParameterNames.requireExactCase(parameters.keySet());
        String action = parameters.get("Action");
        if (action == null) {
            throw new DecodeException(DecodeException.UNKNOWN_OPERATION,
                    "The request names no action: STS calls carry Action=<Action>");
        }
        if (!StsActions.isKnown(action)) {
            throw new DecodeException(DecodeException.UNKNOWN_OPERATION,
                    "Unknown STS action '" + Printable.of(action) + "'");
        }
        String version = parameters.get("Version");
        if (version != null && !version.equals(VERSION)) {
            throw new DecodeException(DecodeException.VALIDATION, "Version '" + Printable.of(version)
                    + "' is not the STS API version " + VERSION);
        }
        return parameters;
    }

    private static void requireForm(RequestView request) throws DecodeException {
        if (!request.method().equals("POST")) {
            throw new DecodeException(FormDecoder.MALFORMED, "A " + Printable.of(request.method())
                    + " request must not have a body; send STS calls as POST forms or GET query strings");
        }
        String type = request.headers().first("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        String[] parts = type.split(";");
        boolean utf8 = true;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.startsWith("charset=")) {
                utf8 = parameter.substring("charset=".length()).replace("\"", "").equals("utf-8");
            }
        }
        if (!parts[0].trim().equals(FORM) || !utf8) {
            throw new DecodeException(FormDecoder.MALFORMED, "The body of an STS call must be " + FORM
                    + " in UTF-8, not '" + Printable.of(type) + "'");
        }
    }

    private static Map<String, String> merge(Map<String, String> query, Map<String, String> body)
            throws DecodeException {
        Map<String, String> merged = new LinkedHashMap<>(query);
        for (Map.Entry<String, String> parameter : body.entrySet()) {
            String name = parameter.getKey();
            String earlier = merged.putIfAbsent(name, parameter.getValue());
            if (earlier == null) {
                continue;
            }
            if (name.equals("Action") && !earlier.equals(parameter.getValue())) {
                throw new DecodeException(DecodeException.UNKNOWN_OPERATION, "The request names two actions: '"
                        + Printable.of(earlier) + "' in the query string and '" + Printable.of(parameter.getValue())
                        + "' in the form body; send one");
            }
            if (!MAY_REPEAT.contains(name) || !earlier.equals(parameter.getValue())) {
                throw new DecodeException(FormDecoder.MALFORMED, "Parameter '" + Printable.of(name)
                        + "' is in both the query string and the form body; send it once");
            }
        }
        return merged;
    }
}
