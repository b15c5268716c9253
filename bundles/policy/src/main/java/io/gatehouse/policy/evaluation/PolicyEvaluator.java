package io.gatehouse.policy.evaluation;

import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Decision;
import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.policy.ApprovalRequirement;
import io.gatehouse.api.policy.PolicyDecision;
import io.gatehouse.api.policy.PolicyRule;
import io.gatehouse.api.policy.RuleSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides calls against the rules of several {@link RuleSet}s, compiled once. Immutable and thread safe; build a new
 * one when a rule set changes.
 *
 * <p>Semantics (SECURITY.md, principle 4):
 * <ul>
 *   <li>A call is decided on every resource it names; a call naming none is one item that only rules with the
 *       resource pattern {@code *} match (as {@link io.gatehouse.api.exchange.Scope#permits} does).</li>
 *   <li>Per item: any matching deny rule denies; else any matching require-approval rule asks for approval; else any
 *       matching allow rule allows; else it is denied ("no rule allows ...").</li>
 *   <li>The call: denied when any item is denied, else approval when any item needs it, else allowed.</li>
 *   <li>Order never matters: the reported rule is the lowest rule id (then source name) among the deciding rules
 *       (an explicit deny is reported before a "no rule allows"); among approval rules the one asking for the most
 *       approvals is chosen, ties by lowest rule id, and its requirement is used unchanged.</li>
 *   <li>Any exception while evaluating is a deny ({@link #EVALUATION_ERROR}).</li>
 * </ul>
 */
public final class PolicyEvaluator {

    /** The rule reported when nothing matched an item. */
    public static final String NO_MATCHING_RULE = "no-matching-rule";
    /** The rule reported when evaluating failed (the call is denied). */
    public static final String EVALUATION_ERROR = "evaluation-error";

    private static final CompiledRule[] NONE = new CompiledRule[0];

    private final String version;
    private final List<CompiledRule> rules;
    private final Map<String, CompiledRule[]> byService;
    private final CompiledRule[] anyService;

    private PolicyEvaluator(String version, List<CompiledRule> rules) {
        this.version = version;
        this.rules = rules;
        Map<String, Set<CompiledRule>> services = new HashMap<>();
        List<CompiledRule> any = new ArrayList<>();
        for (CompiledRule rule : rules) {
            List<String> limitedTo = rule.services();
            if (limitedTo.isEmpty()) {
                any.add(rule);
            }
            for (String service : limitedTo) {
                services.computeIfAbsent(service, s -> new LinkedHashSet<>()).add(rule);
            }
        }
        Map<String, CompiledRule[]> index = new HashMap<>();
        services.forEach((service, set) -> index.put(service, set.toArray(NONE)));
        this.byService = Map.copyOf(index);
        this.anyService = any.toArray(NONE);
    }

    /**
     * @param ruleSets the snapshots of every source
     * @return an evaluator over all their rules
     * @throws IllegalArgumentException when a rule cannot be compiled (e.g. a numeric condition with a non-numeric
     *         operand); the engine then denies every call
     */
    public static PolicyEvaluator compile(Collection<RuleSet> ruleSets) {
        List<RuleSet> sorted = ruleSets.stream()
                .sorted(Comparator.comparing(RuleSet::source).thenComparing(RuleSet::version)).toList();
        List<CompiledRule> compiled = new ArrayList<>();
        for (RuleSet set : sorted) {
            for (PolicyRule rule : set.rules()) {
                compiled.add(new CompiledRule(rule, set.source()));
            }
        }
        compiled.sort(CompiledRule.ORDER);
        return new PolicyEvaluator(version(sorted), List.copyOf(compiled));
    }

    /**
     * @param ruleSets the snapshots of every source
     * @return the combined version: {@code name@version} of every source, sorted, comma separated; {@code none}
     *         without sources
     */
    public static String version(Collection<RuleSet> ruleSets) {
        if (ruleSets.isEmpty()) {
            return "none";
        }
        return ruleSets.stream().map(s -> s.source() + "@" + s.version()).sorted().collect(Collectors.joining(","));
    }

    /** @return the combined policy version recorded with every decision */
    public String version() {
        return version;
    }

    /** @return how many rules there are over all sources */
    public int ruleCount() {
        return rules.size();
    }

    /**
     * Decides a call. Never throws: an error while evaluating is a deny.
     *
     * @param identity who calls
     * @param operation what the call does
     * @param now the time to check rule windows against
     * @return the decision
     */
    public PolicyDecision decide(Identity identity, AwsOperation operation, Instant now) {
        try {
            return combine(operation, verdicts(identity, operation, now));
        } catch (RuntimeException e) {
            return failClosed(version, operation, e);
        }
    }

    /**
     * @param version the policy version to record
     * @param operation the call, if known
     * @param error what went wrong
     * @return a deny saying that evaluating failed
     */
    public static PolicyDecision failClosed(String version, AwsOperation operation, Exception error) {
        String action = operation == null ? "the call" : operation.iamAction();
        return new PolicyDecision(new Decision(Decision.Outcome.DENY, EVALUATION_ERROR, "policy evaluation failed for "
                + action + " (" + error.getClass().getSimpleName() + ": " + error.getMessage() + "); denied",
                version == null ? "unknown" : version), Optional.empty());
    }

    /**
     * Decides a call and says, for every item and every rule, whether the rule matched and if not, why.
     *
     * @param identity who calls
     * @param operation what the call does
     * @param now the time to check rule windows against
     * @return the decision with its explanation
     */
    public Explanation explain(Identity identity, AwsOperation operation, Instant now) {
        List<ItemVerdict> verdicts = verdicts(identity, operation, now);
        String action = operation.iamAction().toLowerCase(Locale.ROOT);
        List<Explanation.Item> items = new ArrayList<>();
        for (ItemVerdict verdict : verdicts) {
            List<Explanation.RuleCheck> checks = new ArrayList<>();
            for (CompiledRule rule : rules) {
                String whyNot = whyNot(rule, identity, operation, action, now, verdict.resource);
                checks.add(new Explanation.RuleCheck(rule.id(), rule.source(), rule.rule().effect(), whyNot == null,
                        whyNot == null ? "matches" : whyNot));
            }
            CompiledRule deciding = verdict.decidingRule();
            items.add(new Explanation.Item(Optional.ofNullable(verdict.resource), verdict.outcome(),
                    deciding == null ? NO_MATCHING_RULE : deciding.id(), checks));
        }
        return new Explanation(combine(operation, verdicts), version, items);
    }

    private List<ItemVerdict> verdicts(Identity identity, AwsOperation operation, Instant now) {
        String action = operation.iamAction().toLowerCase(Locale.ROOT);
        int colon = action.indexOf(':');
        CompiledRule[] sameService = byService.getOrDefault(colon < 0 ? action : action.substring(0, colon), NONE);
        List<CompiledRule> applicable = new ArrayList<>();
        for (CompiledRule rule : sameService) {
            if (rule.appliesToCall(identity, operation, action, now)) {
                applicable.add(rule);
            }
        }
        for (CompiledRule rule : anyService) {
            if (rule.appliesToCall(identity, operation, action, now)) {
                applicable.add(rule);
            }
        }
        List<String> items = operation.resources().isEmpty() ? Collections.singletonList(null) : operation.resources();
        List<ItemVerdict> verdicts = new ArrayList<>(items.size());
        for (String item : items) {
            verdicts.add(ItemVerdict.of(applicable, item));
        }
        return verdicts;
    }

    private PolicyDecision combine(AwsOperation operation, List<ItemVerdict> verdicts) {
        ItemVerdict explicitDeny = first(verdicts, v -> v.deny, CompiledRule.ORDER);
        if (explicitDeny != null) {
            CompiledRule rule = explicitDeny.deny;
            return deny(rule.id(), subject(operation, explicitDeny, verdicts) + " is denied by rule "
                    + named(rule) + description(rule));
        }
        for (ItemVerdict verdict : verdicts) {
            if (verdict.decidingRule() == null) {
                return deny(NO_MATCHING_RULE, "no rule allows " + subject(operation, verdict, verdicts));
            }
        }
        ItemVerdict approval = first(verdicts, v -> v.approve, ItemVerdict.APPROVAL_ORDER);
        if (approval != null) {
            CompiledRule rule = approval.approve;
            ApprovalRequirement requirement = rule.rule().approval().orElseThrow();
            String reviewers = requirement.approvals() + (requirement.approvals() == 1 ? " approval" : " approvals")
                    + " from " + String.join(", ", new TreeSet<>(requirement.approverGroups()));
            return new PolicyDecision(new Decision(Decision.Outcome.APPROVE, rule.id(),
                    subject(operation, approval, verdicts) + " needs " + reviewers + " (rule " + named(rule) + ")"
                            + description(rule), version), Optional.of(requirement));
        }
        ItemVerdict allow = first(verdicts, v -> v.allow, CompiledRule.ORDER);
        CompiledRule rule = allow.allow;
        return new PolicyDecision(new Decision(Decision.Outcome.ALLOW, rule.id(),
                subject(operation, allow, verdicts) + " is allowed by rule " + named(rule), version), Optional.empty());
    }

    /** The first item (request order) holding the least rule of one kind; null when no item has one. */
    private static ItemVerdict first(List<ItemVerdict> verdicts, java.util.function.Function<ItemVerdict,
            CompiledRule> kind, Comparator<CompiledRule> order) {
        ItemVerdict best = null;
        for (ItemVerdict verdict : verdicts) {
            CompiledRule rule = kind.apply(verdict);
            if (rule != null && (best == null || order.compare(rule, kind.apply(best)) < 0)) {
                best = verdict;
            }
        }
        return best;
    }

    private PolicyDecision deny(String rule, String reason) {
        return new PolicyDecision(new Decision(Decision.Outcome.DENY, rule, reason, version), Optional.empty());
    }

    private static String subject(AwsOperation operation, ItemVerdict item, List<ItemVerdict> all) {
        String on = item.resource == null ? " (no resource)" : " on " + item.resource;
        int others = all.size() - 1;
        return operation.iamAction() + on + (others > 0 ? " (one of " + all.size() + " resources)" : "");
    }

    private static String named(CompiledRule rule) {
        return rule.id() + " (" + rule.source() + ")";
    }

    private static String description(CompiledRule rule) {
        String text = rule.rule().description().strip();
        return text.isEmpty() ? "" : ": " + text;
    }

    /** @return why the rule does not match the item, or null when it does */
    private static String whyNot(CompiledRule rule, Identity identity, AwsOperation operation, String action,
                                 Instant now, String resource) {
        PolicyRule r = rule.rule();
        if (!rule.actionMatches(action)) {
            return "action: " + operation.iamAction() + " matches none of " + r.actions();
        }
        if (!rule.inWindow(now)) {
            return "window: " + now + " is outside [" + r.notBefore().map(Object::toString).orElse("-") + ", "
                    + r.notAfter().map(Object::toString).orElse("-") + ")";
        }
        if (!rule.subjectMatches(identity)) {
            return "principal: subject " + identity.subject() + " matches none of " + r.principals().subjects();
        }
        if (!rule.groupsMatch(identity)) {
            return "principal: groups " + new TreeSet<>(identity.groups()) + " include none of "
                    + r.principals().groups();
        }
        if (!rule.actorMatches(identity)) {
            return "principal: actor " + identity.currentActor() + " matches none of " + r.principals().actors();
        }
        if (!rule.depthMatches(identity)) {
            return "principal: delegation depth " + identity.delegationChain().size() + " is outside ["
                    + r.principals().minDepth().map(Object::toString).orElse("0") + ", "
                    + r.principals().maxDepth().map(Object::toString).orElse("any") + "]";
        }
        ConditionTest failed = rule.failedCondition(operation);
        if (failed != null) {
            String value = operation.parameters().get(failed.condition().parameter());
            return "condition: " + failed.describe() + " does not hold (" + failed.condition().parameter()
                    + (value == null ? " is absent)" : " = " + value + ")");
        }
        if (!rule.resourceMatches(resource)) {
            return resource == null ? "resource: the call names no resource and the rule has no '*' resource"
                    : "resource: " + resource + " matches none of " + r.resources();
        }
        return null;
    }
}
