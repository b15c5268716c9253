package io.gatehouse.plugins.aws.sts.internal;

import io.gatehouse.plugins.aws.support.text.Printable;
import io.gatehouse.plugins.aws.support.form.FormDecoder;
import io.gatehouse.plugins.aws.support.form.QueryProtocol;
import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.exchange.RequestView;
import java.util.Map;

/**
 * Reads an STS query-protocol call: {@code Action=AssumeRole&RoleArn=...&Version=2011-06-15} in the form body of a
 * POST, the query string of a GET, or split between them. A parameter may come from either, never from both,
 * except {@code Action} and {@code Version} when both carry the same value. Two different actions, a name twice,
 * an {@code X-Amz-Target} header or a body that is not a UTF-8 form is refused.
 */
final class StsCallReader {

    /** The only API version of STS. */
    static final String VERSION = "2011-06-15";

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
            QueryProtocol.requireUtf8Form(request, "an STS call",
                    "send STS calls as POST forms or GET query strings");
            body = FormDecoder.decode(request.body().utf8(), "The form body");
        }
        Map<String, String> parameters = QueryProtocol.merge(query, body);
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
}
