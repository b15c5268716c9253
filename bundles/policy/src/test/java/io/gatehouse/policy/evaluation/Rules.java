package io.gatehouse.policy.evaluation;

import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.policy.ApprovalRequirement;
import io.gatehouse.api.policy.Condition;
import io.gatehouse.api.policy.PolicyRule;
import io.gatehouse.api.policy.Principals;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builders for rules, identities and calls in tests. */
public final class Rules {

    private Rules() {
    }

    public static PolicyRule allow(String id, List<String> actions, List<String> resources) {
        return rule(id, PolicyRule.Effect.ALLOW, Principals.ANYONE, actions, resources, List.of());
    }

    public static PolicyRule deny(String id, List<String> actions, List<String> resources) {
        return rule(id, PolicyRule.Effect.DENY, Principals.ANYONE, actions, resources, List.of());
    }

    public static PolicyRule approve(String id, List<String> actions, List<String> resources, int approvals,
                                     String group) {
        return new PolicyRule(id, PolicyRule.Effect.REQUIRE_APPROVAL, Principals.ANYONE, actions, resources,
                List.of(), Optional.empty(), Optional.empty(),
                Optional.of(new ApprovalRequirement(Set.of(group), approvals, Duration.ofMinutes(15))), "");
    }

    public static PolicyRule rule(String id, PolicyRule.Effect effect, Principals principals, List<String> actions,
                                  List<String> resources, List<Condition> conditions) {
        return new PolicyRule(id, effect, principals, actions, resources, conditions, Optional.empty(),
                Optional.empty(), effect == PolicyRule.Effect.REQUIRE_APPROVAL
                        ? Optional.of(new ApprovalRequirement(Set.of("sre"), 1, Duration.ofMinutes(15)))
                        : Optional.empty(), "");
    }

    public static PolicyRule window(PolicyRule rule, Optional<Instant> notBefore, Optional<Instant> notAfter) {
        return new PolicyRule(rule.id(), rule.effect(), rule.principals(), rule.actions(), rule.resources(),
                rule.conditions(), notBefore, notAfter, rule.approval(), rule.description());
    }

    public static Identity person(String subject, String... groups) {
        return new Identity(subject, Set.of(groups), List.of(), "gs-1", "GHSA1", "", Instant.parse("2030-01-01T00:00:00Z"));
    }

    public static Identity agent(String subject, Set<String> groups, String... chain) {
        return new Identity(subject, groups, List.of(chain), "gs-2", "GHSA2", "", Instant.parse("2030-01-01T00:00:00Z"));
    }

    public static AwsOperation call(String iamAction, String... resources) {
        return call(iamAction, Map.of(), resources);
    }

    public static AwsOperation call(String iamAction, Map<String, String> parameters, String... resources) {
        int colon = iamAction.indexOf(':');
        return new AwsOperation(iamAction.substring(0, colon), iamAction.substring(colon + 1), "eu-west-1",
                List.of(resources), parameters);
    }

    public static String table(String name) {
        return "arn:aws:dynamodb:eu-west-1:123456789012:table/" + name;
    }
}
