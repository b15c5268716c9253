package io.gatehouse.plugins.aws.sts.internal;

import io.gatehouse.plugins.aws.support.text.Printable;
import io.gatehouse.plugins.aws.support.form.FormDecoder;
import io.gatehouse.api.adapter.DecodeException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Refuses parameter names that only their case tells apart from another name, or from a name Gatehouse reads.
 * Whether STS matches parameter names case-sensitively is not documented; if it did not, {@code rolearn=B} beside
 * {@code RoleArn=A} would assume another role than the one policy decided on.
 */
final class ParameterNames {

    /** The names Gatehouse reads, in their one accepted spelling. */
    static final Set<String> READ = Set.of("Action", "Version", "RoleArn", "PrincipalArn", "Name", "DurationSeconds",
            "RoleSessionName", "ExternalId", "SourceIdentity", "SerialNumber", "ProviderId", "AccessKeyId", "Policy");
    private static final String POLICY_ARNS = "PolicyArns.member.";

    private ParameterNames() {
    }

    static void requireExactCase(Collection<String> names) throws DecodeException {
        Map<String, String> byLowerCase = new HashMap<>();
        for (String name : names) {
            String earlier = byLowerCase.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            if (earlier != null) {
                throw new DecodeException(FormDecoder.MALFORMED, "Parameters '" + Printable.of(earlier) + "' and '"
                        + Printable.of(name) + "' differ only in case; send one");
            }
            for (String read : READ) {
                if (name.equalsIgnoreCase(read) && !name.equals(read)) {
                    throw misspelt(name, read);
                }
            }
            if (name.regionMatches(true, 0, POLICY_ARNS, 0, POLICY_ARNS.length()) && !name.startsWith(POLICY_ARNS)) {
                throw misspelt(name, POLICY_ARNS + "<n>.arn");
            }
        }
    }

    private static DecodeException misspelt(String name, String expected) {
        return new DecodeException(DecodeException.VALIDATION, "Parameter '" + Printable.of(name)
                + "' must be spelled '" + expected + "'");
    }
}
