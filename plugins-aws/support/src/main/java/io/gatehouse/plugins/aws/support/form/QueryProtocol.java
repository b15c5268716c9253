package io.gatehouse.plugins.aws.support.form;

import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.plugins.aws.support.text.Printable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules every AWS query-protocol adapter applies before it reads a call: a body must be a UTF-8 form sent with
 * POST, and parameters from the query string and the form body are merged without letting the two disagree.
 *
 * @since 1.0
 */
public final class QueryProtocol {

    /** The content type of query-protocol bodies. */
    public static final String FORM = "application/x-www-form-urlencoded";

    /** Parameters that may stand in both the query string and the body, with the same value. */
    private static final Set<String> MAY_REPEAT = Set.of("Action", "Version");

    private QueryProtocol() {
    }

    /**
     * @param request a request that has a body
     * @param calls names the calls in messages, e.g. {@code "an SQS query-protocol call"}
     * @param methodHint what to send instead of a body on another method, e.g. {@code "send STS calls as POST forms"}
     * @throws DecodeException {@link FormDecoder#MALFORMED} when the method is not POST or the body is not a UTF-8 form
     */
    public static void requireUtf8Form(RequestView request, String calls, String methodHint) throws DecodeException {
        if (!request.method().equals("POST")) {
            throw new DecodeException(FormDecoder.MALFORMED, "A " + Printable.of(request.method())
                    + " request must not have a body; " + methodHint);
        }
        String type = request.headers().first("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        String[] parts = type.split(";", -1); // -1: a bare ";" must not leave an empty array (found by fuzzing)
        boolean utf8 = true;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.startsWith("charset=")) {
                utf8 = parameter.substring("charset=".length()).replace("\"", "").equals("utf-8");
            }
        }
        if (!parts[0].trim().equals(FORM) || !utf8) {
            throw new DecodeException(FormDecoder.MALFORMED, "The body of " + calls + " must be " + FORM
                    + " in UTF-8, not '" + Printable.of(type) + "'");
        }
    }

    /**
     * @param query the decoded query string
     * @param body the decoded form body
     * @return both, in order; only {@code Action} and {@code Version} may stand in both, with the same value
     * @throws DecodeException when the two name different actions or share any other parameter
     */
    public static Map<String, String> merge(Map<String, String> query, Map<String, String> body)
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
