package io.gatehouse.plugins.aws.sqs.internal;

import io.gatehouse.plugins.aws.support.text.Printable;
import io.gatehouse.plugins.aws.support.form.FormDecoder;
import io.gatehouse.plugins.aws.support.form.QueryProtocol;
import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.exchange.RequestView;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a query-protocol call ({@code Action=SendMessage&QueueUrl=...&Version=2012-11-05}) from the query string
 * and the form body. A parameter may come from either, never from both, except {@code Action} and {@code Version}
 * when both carry the same value; a name twice, two different actions or a body that is not a UTF-8 form is refused.
 */
final class QueryCallReader {

    private static final Pattern ENTRY_INDEX = Pattern.compile("([^.]*)\\..*");

    private QueryCallReader() {
    }

    static SqsCall read(RequestView request) throws DecodeException {
        Map<String, String> query = FormDecoder.decode(request.rawQuery(), "The query string");
        Map<String, String> body = Map.of();
        if (request.body().length() > 0) {
            QueryProtocol.requireUtf8Form(request, "an SQS query-protocol call",
                    "send query-protocol calls as POST forms");
            body = FormDecoder.decode(request.body().utf8(), "The form body");
        }
        Map<String, String> parameters = QueryProtocol.merge(query, body);
        ParameterNames.requireExactCase(parameters.keySet(), FormDecoder.MALFORMED);
        String action = action(parameters);
        String version = parameters.get("Version");
        if (version != null && !version.equals(SqsActions.VERSION)) {
            throw new DecodeException(DecodeException.VALIDATION, "Version '" + Printable.of(version)
                    + "' is not the SQS API version " + SqsActions.VERSION);
        }
        String prefix = SqsActions.BATCH_ENTRY_PREFIX.get(action);
        int entries = prefix == null ? -1 : entries(parameters, prefix);
        return new SqsCall(action, parameters, entries);
    }

    private static String action(Map<String, String> parameters) throws DecodeException {
        String action = parameters.get("Action");
        if (action == null) {
            throw new DecodeException(DecodeException.UNKNOWN_OPERATION, "The request names no action: "
                    + "SQS query-protocol calls carry Action=<Action>, JSON calls X-Amz-Target: "
                    + SqsActions.TARGET_PREFIX + "<Action>");
        }
        if (!SqsActions.isKnown(action)) {
            throw new DecodeException(DecodeException.UNKNOWN_OPERATION,
                    "Unknown SQS action '" + Printable.of(action) + "'");
        }
        return action;
    }

    /** Counts the distinct entry numbers of {@code <prefix><n>.<member>} parameters. */
    private static int entries(Map<String, String> parameters, String prefix) throws DecodeException {
        Set<Integer> numbers = new TreeSet<>();
        for (String name : parameters.keySet()) {
            if (!name.startsWith(prefix)) {
                continue;
            }
            Matcher matcher = ENTRY_INDEX.matcher(name.substring(prefix.length()));
            if (!matcher.matches() || !matcher.group(1).matches("[1-9][0-9]{0,3}")) {
                throw new DecodeException(DecodeException.VALIDATION, "Parameter '" + Printable.of(name)
                        + "' is not " + prefix + "<n>.<member> with n from 1");
            }
            numbers.add(Integer.parseInt(matcher.group(1)));
        }
        return numbers.size();
    }
}
