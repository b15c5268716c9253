package io.gatehouse.policy.evaluation;

import io.gatehouse.api.exchange.Decision;
import io.gatehouse.api.policy.PolicyRule;
import java.util.Comparator;
import java.util.List;

/**
 * The verdict on one item of a call (one resource, or the call itself when it names none): the deciding deny,
 * approval and allow rule among the rules that match it. Order independent: each is chosen by a total order on
 * rules, never by the order rules were seen in.
 */
final class ItemVerdict {

    /**
     * Among approval rules the one asking for the most approvals wins; on a tie the lowest rule id (then source
     * name). Total, so the choice never depends on evaluation order.
     */
    static final Comparator<CompiledRule> APPROVAL_ORDER = Comparator
            .comparingInt((CompiledRule r) -> -r.rule().approval().orElseThrow().approvals())
            .thenComparing(CompiledRule.ORDER);

    final String resource;
    CompiledRule deny;
    CompiledRule approve;
    CompiledRule allow;

    ItemVerdict(String resource) {
        this.resource = resource;
    }

    /**
     * @param applicable the rules that apply to the call regardless of resource
     * @param resource the item, or null for a call that names no resource
     * @return the verdict on the item
     */
    static ItemVerdict of(List<CompiledRule> applicable, String resource) {
        ItemVerdict verdict = new ItemVerdict(resource);
        for (CompiledRule rule : applicable) {
            if (rule.resourceMatches(resource)) {
                verdict.add(rule);
            }
        }
        return verdict;
    }

    private void add(CompiledRule rule) {
        PolicyRule.Effect effect = rule.rule().effect();
        if (effect == PolicyRule.Effect.DENY) {
            deny = deny == null || CompiledRule.ORDER.compare(rule, deny) < 0 ? rule : deny;
        } else if (effect == PolicyRule.Effect.REQUIRE_APPROVAL) {
            approve = approve == null || APPROVAL_ORDER.compare(rule, approve) < 0 ? rule : approve;
        } else {
            allow = allow == null || CompiledRule.ORDER.compare(rule, allow) < 0 ? rule : allow;
        }
    }

    /** @return the outcome for this item: deny beats approval beats allow; nothing matched is a deny */
    Decision.Outcome outcome() {
        if (deny != null) {
            return Decision.Outcome.DENY;
        }
        if (approve != null) {
            return Decision.Outcome.APPROVE;
        }
        return allow != null ? Decision.Outcome.ALLOW : Decision.Outcome.DENY;
    }

    /** @return the rule that decided this item, or null when nothing matched */
    CompiledRule decidingRule() {
        return deny != null ? deny : approve != null ? approve : allow;
    }
}
