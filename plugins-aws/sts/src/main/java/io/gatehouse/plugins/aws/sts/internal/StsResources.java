package io.gatehouse.plugins.aws.sts.internal;

import io.gatehouse.plugins.aws.support.text.Printable;
import io.gatehouse.api.adapter.DecodeContext;
import io.gatehouse.api.adapter.DecodeException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The resources STS authorizes a call on: the role of {@code AssumeRole*} ({@code RoleArn}, validated and kept as
 * given) and the federated user of {@code GetFederationToken}
 * ({@code arn:<partition>:sts::<account>:federated-user/<Name>}); none for the other calls.
 */
final class StsResources {

    /** An IAM role ARN: optional path of printable segments without wildcards, then IAM's role-name rule. */
    private static final Pattern ROLE_ARN = Pattern.compile(
            "arn:([a-z][a-z0-9-]{0,62}):iam::[0-9]{12}:role/(?:[\\x21-\\x7e&&[^/*?]]+/)*[\\w+=,.@-]{1,64}");
    private static final Pattern SAML_PROVIDER_ARN = Pattern.compile(
            "arn:([a-z][a-z0-9-]{0,62}):iam::[0-9]{12}:saml-provider/[\\w.-]{1,128}");
    private static final Pattern FEDERATED_NAME = Pattern.compile("[\\w+=,.@-]{2,32}");
    private static final int MAX_ROLE_ARN = 2048;

    private StsResources() {
    }

    static List<String> of(String action, Map<String, String> parameters, DecodeContext context)
            throws DecodeException {
        if (StsActions.ON_ROLE.contains(action)) {
            if (action.equals("AssumeRoleWithSAML")) {
                arn(parameters, "PrincipalArn", SAML_PROVIDER_ARN, "a SAML provider ARN "
                        + "(arn:partition:iam::account:saml-provider/name)", context);
            }
            return List.of(arn(parameters, "RoleArn", ROLE_ARN, "a role ARN (arn:partition:iam::account:"
                    + "role/[path/]name, without '*' or '?')", context));
        }
        if (action.equals(StsActions.FEDERATION)) {
            String name = required(parameters, "Name", action);
            if (!FEDERATED_NAME.matcher(name).matches()) {
                throw invalid("Name '" + Printable.of(name) + "' is not a valid federated user name: 2 to 32 "
                        + "characters of A-Z, a-z, 0-9 and +=,.@_-");
            }
            return List.of("arn:" + context.partition() + ":sts::" + context.accountId() + ":federated-user/" + name);
        }
        return List.of();
    }

    private static String arn(Map<String, String> parameters, String name, Pattern pattern, String what,
                              DecodeContext context) throws DecodeException {
        String arn = required(parameters, name, parameters.get("Action"));
        var matcher = pattern.matcher(arn);
        if (arn.length() > MAX_ROLE_ARN || !matcher.matches()) {
            throw invalid(name + " '" + Printable.of(arn) + "' is not " + what);
        }
        if (!matcher.group(1).equals(context.partition())) {
            throw invalid(name + " '" + Printable.of(arn) + "' is in partition " + matcher.group(1)
                    + ", but the call is in " + context.partition());
        }
        return arn;
    }

    static String required(Map<String, String> parameters, String name, String action) throws DecodeException {
        String value = parameters.get(name);
        if (value == null) {
            throw invalid(name + " is required for " + action);
        }
        return value;
    }

    private static DecodeException invalid(String message) {
        return new DecodeException(DecodeException.VALIDATION, message);
    }
}
