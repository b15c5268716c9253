package io.gatehouse.plugins.aws.sts.internal;

import io.gatehouse.plugins.aws.support.text.Printable;
import io.gatehouse.api.adapter.DecodeException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The request parameters policy conditions may test, as text. Tokens and assertions ({@code WebIdentityToken},
 * {@code SAMLAssertion}, {@code TokenCode}, {@code EncodedMessage}) are never copied: they are credentials or
 * carry them. {@code DurationSeconds} is an integer in canonical decimal; {@code RoleSessionName} must follow
 * STS's rule; {@code Policy} and {@code PolicyArnCount} say whether and how many session policies narrow the call.
 */
final class KeyParameters {

    private static final List<String> STRINGS = List.of("RoleSessionName", "ExternalId", "SourceIdentity",
            "SerialNumber", "ProviderId", "PrincipalArn", "Name", "AccessKeyId");
    private static final Pattern INTEGER = Pattern.compile("[0-9]{1,10}");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern POLICY_ARN = Pattern.compile("PolicyArns\\.member\\.([1-9][0-9]{0,2})\\.arn");

    private KeyParameters() {
    }

    static Map<String, String> of(Map<String, String> call) throws DecodeException {
        Map<String, String> parameters = new LinkedHashMap<>();
        String duration = call.get("DurationSeconds");
        if (duration != null) {
            if (!INTEGER.matcher(duration).matches()) {
                throw invalid("DurationSeconds '" + Printable.of(duration) + "' must be a whole number of seconds");
            }
            parameters.put("DurationSeconds", new BigInteger(duration).toString());
        }
        String session = call.get("RoleSessionName");
        if (session != null && !SESSION_NAME.matcher(session).matches()) {
            throw invalid("RoleSessionName '" + Printable.of(session) + "' is not valid: 2 to 64 characters of "
                    + "A-Z, a-z, 0-9 and +=,.@_-");
        }
        for (String name : STRINGS) {
            String value = call.get(name);
            if (value != null) {
                parameters.put(name, value);
            }
        }
        if (call.containsKey("Policy")) {
            parameters.put("Policy", "true");
        }
        long policyArns = call.keySet().stream().filter(name -> POLICY_ARN.matcher(name).matches()).count();
        if (policyArns > 0) {
            parameters.put("PolicyArnCount", Long.toString(policyArns));
        }
        return parameters;
    }

    private static DecodeException invalid(String message) {
        return new DecodeException(DecodeException.VALIDATION, message);
    }
}
