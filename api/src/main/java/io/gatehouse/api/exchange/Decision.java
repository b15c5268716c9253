package io.gatehouse.api.exchange;

import java.util.Objects;

/**
 * The outcome of deciding an {@link AwsOperation} for an {@link Identity}.
 *
 * @param outcome whether the call may proceed
 * @param rule the identifier of the rule that produced the outcome
 * @param reason a sentence a caller or auditor can read
 * @param policyVersion the version of the policy the decision was made with
 * @since 1.0
 */
public record Decision(Outcome outcome, String rule, String reason, String policyVersion) {

    /** The possible outcomes. */
    public enum Outcome {
        /** The call proceeds. */
        ALLOW,
        /** The call is refused. */
        DENY,
        /** The call proceeds only once a reviewer approves it. */
        APPROVE
    }

    /** Validates that no component is null. */
    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(policyVersion, "policyVersion");
    }

    /** @return whether the call may proceed without approval */
    public boolean isAllowed() {
        return outcome == Outcome.ALLOW;
    }
}
