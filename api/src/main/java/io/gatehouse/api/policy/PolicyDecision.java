package io.gatehouse.api.policy;

import io.gatehouse.api.exchange.Decision;
import java.util.Objects;
import java.util.Optional;

/**
 * What the policy engine decided, with what approving it takes.
 *
 * @param decision the outcome, the deciding rule, the reason and the policy version
 * @param approval present exactly when the outcome is {@link Decision.Outcome#APPROVE}
 * @since 1.0
 */
public record PolicyDecision(Decision decision, Optional<ApprovalRequirement> approval) {

    /** Validates that the approval requirement matches the outcome. */
    public PolicyDecision {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(approval, "approval");
        if ((decision.outcome() == Decision.Outcome.APPROVE) != approval.isPresent()) {
            throw new IllegalArgumentException("an approval requirement belongs to, and only to, an approve outcome");
        }
    }
}
