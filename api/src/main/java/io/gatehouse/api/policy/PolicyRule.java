package io.gatehouse.api.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule: who it applies to, which actions on which resources under which conditions, and its effect. Action and
 * resource patterns use the wildcards of {@link io.gatehouse.api.exchange.Scope}: {@code *} matches any run of
 * characters, {@code ?} exactly one; actions compare without regard to case, resources exactly.
 *
 * @param id a unique, stable name of the rule, recorded with every decision it produces
 * @param effect what a match means
 * @param principals who the rule applies to
 * @param actions IAM-style action patterns, e.g. {@code dynamodb:Delete*}; at least one
 * @param resources resource ARN patterns; at least one ({@code *} for every resource and for calls that name none)
 * @param conditions tests on the decoded request parameters; all must hold
 * @param notBefore the rule applies from this instant on, when present
 * @param notAfter the rule applies until (excluding) this instant, when present
 * @param approval who must approve, for {@link Effect#REQUIRE_APPROVAL}; empty for the other effects
 * @param description a sentence for callers and auditors, e.g. why the rule exists
 * @since 1.0
 */
public record PolicyRule(String id, Effect effect, Principals principals, List<String> actions,
                         List<String> resources, List<Condition> conditions, Optional<Instant> notBefore,
                         Optional<Instant> notAfter, Optional<ApprovalRequirement> approval, String description) {

    /** What a matching rule means. */
    public enum Effect {
        /** The call may proceed, unless another matching rule denies it or requires approval. */
        ALLOW,
        /** The call is refused; beats every other effect. */
        DENY,
        /** The call proceeds once reviewers approve it; beats allow, loses to deny. */
        REQUIRE_APPROVAL
    }

    /** Copies the lists and validates the components. */
    public PolicyRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(principals, "principals");
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        conditions = List.copyOf(conditions);
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(approval, "approval");
        Objects.requireNonNull(description, "description");
        if (actions.isEmpty() || resources.isEmpty()) {
            throw new IllegalArgumentException("rule " + id + " needs at least one action and one resource pattern");
        }
        if ((effect == Effect.REQUIRE_APPROVAL) != approval.isPresent()) {
            throw new IllegalArgumentException("rule " + id + ": an approval requirement belongs to, and only to, "
                    + "the require-approval effect");
        }
    }
}
