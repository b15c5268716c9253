package io.gatehouse.credentials.internal.sts;

import io.gatehouse.api.credentials.CredentialException;
import io.gatehouse.api.exchange.Decision;
import io.gatehouse.api.exchange.Identity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which IAM role a call's credentials come from: the role mapped to the rule that allowed the call, else the role of
 * the first configured group the caller belongs to (configuration order, so the choice never depends on the order
 * an identity provider lists groups in), else the default role. Without any, the call is refused.
 */
final class RoleMapping {

    /** An IAM role ARN in any partition; role names and paths use {@code [\w+=,.@-]} and {@code /}. */
    private static final Pattern ROLE_ARN =
            Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    /** Entries are separated by commas that start a new {@code KEY=arn:} entry (role names may contain commas). */
    private static final Pattern ENTRY_SEPARATOR = Pattern.compile(",(?=\\s*[^,=\\s][^,=]*=\\s*arn:)");

    /**
     * The chosen role.
     *
     * @param roleArn the role to assume
     * @param reason why, e.g. {@code rule prod-delete}, for messages and logs
     */
    record Choice(String roleArn, String reason) {
    }

    private final Optional<String> defaultRole;
    private final Map<String, String> byRule;
    private final Map<String, String> byGroup;

    private RoleMapping(Optional<String> defaultRole, Map<String, String> byRule, Map<String, String> byGroup) {
        this.defaultRole = defaultRole;
        this.byRule = Collections.unmodifiableMap(byRule);
        this.byGroup = Collections.unmodifiableMap(byGroup);
    }

    /**
     * @param defaultRole {@code role.default}, empty for none
     * @param byRule {@code role.by.rule} values: each holds one or more comma-separated {@code RULE=ROLE_ARN}
     * @param byGroup {@code role.by.group} values: each holds one or more comma-separated {@code GROUP=ROLE_ARN}
     * @return the mapping
     * @throws IllegalArgumentException naming the key and entry that is malformed
     */
    static RoleMapping parse(String defaultRole, List<String> byRule, List<String> byGroup) {
        String trimmed = defaultRole == null ? "" : defaultRole.trim();
        Optional<String> fallback = trimmed.isEmpty() ? Optional.empty()
                : Optional.of(roleArn("role.default", trimmed));
        return new RoleMapping(fallback, entries("role.by.rule", byRule), entries("role.by.group", byGroup));
    }

    private static Map<String, String> entries(String key, List<String> values) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String value : values) {
            if (value == null || value.isBlank()) {
                continue;
            }
            for (String entry : ENTRY_SEPARATOR.split(value.trim())) {
                int equals = entry.indexOf('=');
                String name = equals < 0 ? "" : entry.substring(0, equals).trim();
                if (name.isEmpty()) {
                    throw new IllegalArgumentException(StsCredentialsConfig.PID + ": " + key + " entry '"
                            + entry.trim() + "' is not NAME=ROLE_ARN");
                }
                String role = roleArn(key, entry.substring(equals + 1).trim());
                if (result.putIfAbsent(name, role) != null) {
                    throw new IllegalArgumentException(StsCredentialsConfig.PID + ": " + key + " names '" + name
                            + "' twice");
                }
            }
        }
        return result;
    }

    private static String roleArn(String key, String value) {
        if (!ROLE_ARN.matcher(value).matches()) {
            throw new IllegalArgumentException(StsCredentialsConfig.PID + ": " + key + " value '" + value
                    + "' is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)");
        }
        return value;
    }

    /**
     * @param identity who calls
     * @param decision the decision that allowed the call
     * @return the role to assume and why
     * @throws CredentialException when no role is configured for the rule, the groups or as default
     */
    Choice select(Identity identity, Decision decision) {
        String ruleRole = byRule.get(decision.rule());
        if (ruleRole != null) {
            return new Choice(ruleRole, "rule " + decision.rule());
        }
        for (Map.Entry<String, String> entry : byGroup.entrySet()) {
            if (identity.groups().contains(entry.getKey())) {
                return new Choice(entry.getValue(), "group " + entry.getKey());
            }
        }
        if (defaultRole.isPresent()) {
            return new Choice(defaultRole.get(), "role.default");
        }
        throw new CredentialException("no upstream role is configured for rule '" + decision.rule()
                + "' or groups " + new TreeSet<>(identity.groups()) + ", and there is no role.default (PID "
                + StsCredentialsConfig.PID + ")", null);
    }

    /** @return every configured role, for the log at activation */
    List<String> describe() {
        List<String> lines = new ArrayList<>();
        byRule.forEach((rule, role) -> lines.add("rule " + rule + " -> " + role));
        byGroup.forEach((group, role) -> lines.add("group " + group + " -> " + role));
        defaultRole.ifPresent(role -> lines.add("default -> " + role));
        return lines;
    }
}
