package io.gatehouse.policy.evaluation;

import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.policy.PolicyRule;
import io.gatehouse.api.policy.Principals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One {@link PolicyRule} with its patterns compiled, and the tests the evaluator runs on it. Each test is a small
 * method so that the fast path ({@link PolicyEvaluator#decide}) and the explanation ({@link PolicyEvaluator#explain})
 * share exactly the same logic.
 */
final class CompiledRule {

    /**
     * Rules compare by id, then by source name (then, for the same id twice in one source, which a loader should
     * refuse, by their whole content): the deterministic tie-break for every choice among rules.
     */
    static final Comparator<CompiledRule> ORDER = (a, b) -> {
        if (a == b) {
            return 0;
        }
        int byId = a.rule.id().compareTo(b.rule.id());
        if (byId != 0) {
            return byId;
        }
        int bySource = a.source.compareTo(b.source);
        return bySource != 0 ? bySource : a.rule.toString().compareTo(b.rule.toString());
    };

    private final PolicyRule rule;
    private final String source;
    private final List<Wildcard> actions;
    private final List<Wildcard> resources;
    private final boolean resourceStar;
    private final List<Wildcard> subjects;
    private final List<Wildcard> actors;
    private final List<ConditionTest> conditions;

    CompiledRule(PolicyRule rule, String source) {
        this.rule = rule;
        this.source = source;
        this.actions = rule.actions().stream().map(a -> Wildcard.compile(a.toLowerCase(Locale.ROOT))).toList();
        this.resources = rule.resources().stream().map(Wildcard::compile).toList();
        this.resourceStar = rule.resources().contains("*");
        this.subjects = rule.principals().subjects().stream().map(Wildcard::compile).toList();
        this.actors = rule.principals().actors().stream().map(Wildcard::compile).toList();
        this.conditions = rule.conditions().stream().map(ConditionTest::new).toList();
    }

    PolicyRule rule() {
        return rule;
    }

    String source() {
        return source;
    }

    String id() {
        return rule.id();
    }

    /**
     * @return the lower-case service names this rule's action patterns are limited to, or an empty list when any
     *         pattern may match more than one service (e.g. {@code *}, {@code dynamo*}, {@code ?3:Get*})
     */
    List<String> services() {
        List<String> services = new ArrayList<>();
        for (Wildcard action : actions) {
            String pattern = action.pattern();
            int colon = pattern.indexOf(':');
            if (colon < 0) {
                return List.of();
            }
            String service = pattern.substring(0, colon);
            if (service.indexOf('*') >= 0 || service.indexOf('?') >= 0) {
                return List.of();
            }
            if (!services.contains(service)) {
                services.add(service);
            }
        }
        return services;
    }

    /** @param lowerCaseAction the call's IAM action in lower case */
    boolean actionMatches(String lowerCaseAction) {
        for (Wildcard action : actions) {
            if (action.matches(lowerCaseAction)) {
                return true;
            }
        }
        return false;
    }

    /** Not before {@code notBefore} (inclusive), before {@code notAfter} (exclusive). */
    boolean inWindow(Instant now) {
        return rule.notBefore().map(t -> !now.isBefore(t)).orElse(true)
                && rule.notAfter().map(now::isBefore).orElse(true);
    }

    boolean subjectMatches(Identity identity) {
        return subjects.isEmpty() || anyMatch(subjects, identity.subject());
    }

    boolean groupsMatch(Identity identity) {
        List<String> groups = rule.principals().groups();
        if (groups.isEmpty()) {
            return true;
        }
        for (String group : groups) {
            if (identity.groups().contains(group)) {
                return true;
            }
        }
        return false;
    }

    boolean actorMatches(Identity identity) {
        return actors.isEmpty() || anyMatch(actors, identity.currentActor());
    }

    boolean depthMatches(Identity identity) {
        int depth = identity.delegationChain().size();
        Principals principals = rule.principals();
        return principals.minDepth().map(min -> depth >= min).orElse(true)
                && principals.maxDepth().map(max -> depth <= max).orElse(true);
    }

    boolean principalMatches(Identity identity) {
        return subjectMatches(identity) && groupsMatch(identity) && actorMatches(identity) && depthMatches(identity);
    }

    /** @return the first condition that does not hold, or null when all hold */
    ConditionTest failedCondition(AwsOperation operation) {
        for (ConditionTest condition : conditions) {
            if (!condition.holds(operation.parameters())) {
                return condition;
            }
        }
        return null;
    }

    /**
     * Everything but the resource: action, window, principal, conditions.
     *
     * @return whether the rule can apply to this call at all
     */
    boolean appliesToCall(Identity identity, AwsOperation operation, String lowerCaseAction, Instant now) {
        return actionMatches(lowerCaseAction) && inWindow(now) && principalMatches(identity)
                && failedCondition(operation) == null;
    }

    /**
     * @param resource one resource the call touches, or null for a call that names none (matched by {@code *} only)
     * @return whether a resource pattern matches it
     */
    boolean resourceMatches(String resource) {
        if (resource == null) {
            return resourceStar;
        }
        return anyMatch(resources, resource);
    }

    private static boolean anyMatch(List<Wildcard> patterns, String text) {
        for (Wildcard pattern : patterns) {
            if (pattern.matches(text)) {
                return true;
            }
        }
        return false;
    }

    List<ConditionTest> conditions() {
        return conditions;
    }

    @Override
    public String toString() {
        return rule.id() + " (" + source + ")";
    }
}
