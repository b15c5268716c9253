package io.gatehouse.policy.evaluation;

import io.gatehouse.api.exchange.Decision;
import io.gatehouse.api.policy.PolicyDecision;
import io.gatehouse.api.policy.PolicyRule;
import java.util.List;
import java.util.Optional;

/**
 * A decision with the reasons: for each item of the call, every rule and whether it matched (and if not, why).
 *
 * @param decision the decision, exactly as {@link PolicyEvaluator#decide} makes it
 * @param version the policy version
 * @param items one per resource of the call (one item without resource when it names none)
 */
public record Explanation(PolicyDecision decision, String version, List<Item> items) {

    /** Copies the list. */
    public Explanation {
        items = List.copyOf(items);
    }

    /**
     * @param resource the resource, empty for a call that names none
     * @param outcome the item's own outcome
     * @param decidingRule the rule that decided the item, {@link PolicyEvaluator#NO_MATCHING_RULE} when none matched
     * @param rules every rule, in rule id order
     */
    public record Item(Optional<String> resource, Decision.Outcome outcome, String decidingRule, List<RuleCheck> rules) {

        /** Copies the list. */
        public Item {
            rules = List.copyOf(rules);
        }
    }

    /**
     * @param rule the rule id
     * @param source the source it came from
     * @param effect its effect
     * @param matched whether it matched the item
     * @param detail "matches", or which criterion failed and why: {@code action: ...}, {@code window: ...},
     *        {@code principal: ...}, {@code condition: ...}, {@code resource: ...}
     */
    public record RuleCheck(String rule, String source, PolicyRule.Effect effect, boolean matched, String detail) {
    }
}
