package io.gatehouse.approval.internal;

import io.gatehouse.api.policy.PolicyRule;
import io.gatehouse.api.policy.Principals;
import io.gatehouse.api.policy.RuleSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The policy rules of grants in force: one allow rule each, for exactly the grantee's subject, the granted actions and
 * resources, from its approval until it ends. The version is a hash of the grants in force, so it changes whenever a
 * grant is approved, revoked, denied or ends.
 */
final class GrantRules {

    /** The name of the policy source. */
    static final String SOURCE = "grants";

    private GrantRules() {
    }

    static RuleSet of(List<Approval> active) {
        List<Approval> sorted = new ArrayList<>(active);
        sorted.sort(Comparator.comparing(a -> a.id));
        List<PolicyRule> rules = new ArrayList<>();
        StringBuilder content = new StringBuilder();
        for (Approval grant : sorted) {
            rules.add(new PolicyRule("grant-" + grant.id, PolicyRule.Effect.ALLOW,
                    new Principals(List.of(grant.subject), List.of(), List.of(), Optional.empty(), Optional.empty()),
                    grant.actions, grant.resources, List.of(), Optional.of(grant.approvedAt()),
                    Optional.of(grant.expiresAt), Optional.empty(), "Just-in-time grant " + grant.id + " for "
                            + grant.subject + ", approved by " + String.join(", ", grant.reviews.keySet()) + ": "
                            + grant.reason));
            content.append(grant.id).append(' ').append(grant.approvedAt()).append(' ').append(grant.expiresAt)
                    .append('\n');
        }
        return new RuleSet(SOURCE, "grants-" + sha256(content.toString()).substring(0, 16), rules);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
