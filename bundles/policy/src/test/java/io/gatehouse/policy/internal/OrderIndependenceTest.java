package io.gatehouse.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Decision;
import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.policy.ApprovalRequirement;
import io.gatehouse.api.policy.Condition;
import io.gatehouse.api.policy.PolicyDecision;
import io.gatehouse.api.policy.PolicyRule;
import io.gatehouse.api.policy.PolicySource;
import io.gatehouse.api.policy.Principals;
import io.gatehouse.api.policy.RuleSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * SECURITY.md principle 4: evaluation order cannot change a result. For 1,500 random policies (rules spread over up
 * to three sources, with ids that collide across sources) and 8 random calls each, 12 random permutations of the rule
 * order within every source and of the order the sources were registered in give the identical decision: outcome,
 * reported rule, reason, policy version and approval requirement.
 */
class OrderIndependenceTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String[] ACTIONS = {"*", "dynamodb:*", "dynamodb:Get*", "dynamodb:GetItem",
        "dynamodb:Delete*", "dynamodb:DeleteTable", "s3:*", "s3:GetObject", "s3:Delete*", "*:Get*", "dynamo*",
        "sqs:SendMessage", "?3:GetObject"};
    private static final String[] RESOURCES = {"*", "arn:aws:dynamodb:*:*:table/prod-*",
        "arn:aws:dynamodb:eu-west-1:1:table/orders", "arn:aws:dynamodb:*", "arn:aws:s3:::bucket/*",
        "arn:aws:s3:::bucket/key?", "arn:aws:sqs:*:*:queue"};
    private static final String[] CALL_ACTIONS = {"dynamodb:GetItem", "dynamodb:DeleteTable", "dynamodb:Scan",
        "dynamodb:ListTables", "s3:GetObject", "s3:DeleteObject", "sqs:SendMessage", "sts:GetCallerIdentity"};
    private static final String[] CALL_RESOURCES = {"arn:aws:dynamodb:eu-west-1:1:table/prod-orders",
        "arn:aws:dynamodb:eu-west-1:1:table/orders", "arn:aws:s3:::bucket/key1", "arn:aws:s3:::bucket/other",
        "arn:aws:sqs:eu-west-1:1:queue"};
    private static final String[] SOURCES = {"files", "grants", "console"};

    @Test
    void permutingRulesAndSourcesNeverChangesADecision() {
        Random random = new Random(4242L);
        int compared = 0;
        Map<Decision.Outcome, Integer> outcomes = new EnumMap<>(Decision.Outcome.class);
        for (int policy = 0; policy < 1_500; policy++) {
            Map<String, List<PolicyRule>> bySource = randomPolicy(random);
            List<Identity> identities = new ArrayList<>();
            List<AwsOperation> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                identities.add(randomIdentity(random));
                calls.add(randomCall(random));
            }
            List<PolicyDecision> expected = decideAll(engine(bySource, random, false), identities, calls);
            expected.forEach(d -> outcomes.merge(d.decision().outcome(), 1, Integer::sum));
            for (int permutation = 0; permutation < 12; permutation++) {
                assertThat(decideAll(engine(bySource, random, true), identities, calls))
                        .as("policy %d permutation %d: %s", policy, permutation, bySource).isEqualTo(expected);
                compared++;
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(1_000);
        assertThat(outcomes).as("the generator exercises every outcome").containsKeys(Decision.Outcome.ALLOW,
                Decision.Outcome.DENY, Decision.Outcome.APPROVE);
        assertThat(outcomes.values()).allMatch(n -> n > 500);
    }

    private static List<PolicyDecision> decideAll(GatehousePolicyEngine engine, List<Identity> identities,
                                                  List<AwsOperation> calls) {
        List<PolicyDecision> decisions = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            decisions.add(engine.decide(identities.get(i), calls.get(i)));
        }
        return decisions;
    }

    private static GatehousePolicyEngine engine(Map<String, List<PolicyRule>> bySource, Random random,
                                                boolean shuffle) {
        GatehousePolicyEngine engine = new GatehousePolicyEngine(Clock.fixed(NOW, ZoneOffset.UTC));
        List<String> names = new ArrayList<>(bySource.keySet());
        Collections.sort(names);
        if (shuffle) {
            Collections.shuffle(names, random);
        }
        for (String name : names) {
            List<PolicyRule> rules = new ArrayList<>(bySource.get(name));
            if (shuffle) {
                Collections.shuffle(rules, random);
            }
            RuleSet set = new RuleSet(name, "v" + name.length(), rules);
            PolicySource source = () -> set;
            engine.addSource(source);
        }
        return engine;
    }

    private static Map<String, List<PolicyRule>> randomPolicy(Random random) {
        Map<String, List<PolicyRule>> bySource = new HashMap<>();
        int sources = 1 + random.nextInt(3);
        int rules = random.nextInt(25);
        Map<String, Set<String>> idsBySource = new HashMap<>();
        for (int i = 0; i < rules; i++) {
            String source = SOURCES[random.nextInt(sources)];
            String id = "r" + random.nextInt(30);
            if (!idsBySource.computeIfAbsent(source, s -> new java.util.HashSet<>()).add(id)) {
                continue; // ids are unique within a source (the loader refuses duplicates); they may collide across
            }
            bySource.computeIfAbsent(source, s -> new ArrayList<>()).add(randomRule(random, id));
        }
        bySource.computeIfAbsent(SOURCES[0], s -> new ArrayList<>());
        return bySource;
    }

    private static PolicyRule randomRule(Random random, String id) {
        PolicyRule.Effect effect = random.nextInt(10) < 5 ? PolicyRule.Effect.ALLOW
                : random.nextBoolean() ? PolicyRule.Effect.DENY : PolicyRule.Effect.REQUIRE_APPROVAL;
        List<String> actions = pick(random, ACTIONS, 1 + random.nextInt(2));
        List<String> resources = pick(random, RESOURCES, 1 + random.nextInt(2));
        Principals principals = random.nextInt(3) > 0 ? Principals.ANYONE : new Principals(
                random.nextBoolean() ? List.of() : List.of(random.nextBoolean() ? "a*" : "bob"),
                random.nextBoolean() ? List.of() : List.of(random.nextBoolean() ? "dev" : "sre"),
                random.nextBoolean() ? List.of() : List.of("agent-*"),
                random.nextBoolean() ? Optional.empty() : Optional.of(random.nextInt(2)),
                random.nextBoolean() ? Optional.empty() : Optional.of(1 + random.nextInt(2)));
        List<Condition> conditions = random.nextInt(4) > 0 ? List.of() : List.of(random.nextBoolean()
                ? new Condition("Limit", Condition.Operator.ABSENT, List.of())
                : new Condition("Limit", Condition.Operator.GREATER_THAN, List.of("100")));
        Optional<Instant> notBefore = random.nextInt(6) > 0 ? Optional.empty()
                : Optional.of(NOW.plusSeconds(random.nextBoolean() ? -60 : 60));
        Optional<ApprovalRequirement> approval = effect == PolicyRule.Effect.REQUIRE_APPROVAL
                ? Optional.of(new ApprovalRequirement(Set.of(random.nextBoolean() ? "sre" : "security"),
                        1 + random.nextInt(3), Duration.ofMinutes(5 + random.nextInt(20))))
                : Optional.empty();
        return new PolicyRule(id, effect, principals, actions, resources, conditions, notBefore, Optional.empty(),
                approval, random.nextBoolean() ? "" : "why " + random.nextInt(1000));
    }

    private static Identity randomIdentity(Random random) {
        List<String> chain = new ArrayList<>();
        int depth = random.nextInt(3);
        for (int i = 0; i < depth; i++) {
            chain.add("agent-" + i);
        }
        return new Identity(random.nextBoolean() ? "alice" : "bob", random.nextBoolean() ? Set.of("dev")
                : Set.of("sre", "ops"), chain, "gs", "GHSA", "", NOW.plusSeconds(3600));
    }

    private static AwsOperation randomCall(Random random) {
        String action = CALL_ACTIONS[random.nextInt(CALL_ACTIONS.length)];
        int colon = action.indexOf(':');
        List<String> resources = new ArrayList<>(new java.util.LinkedHashSet<>(pick(random, CALL_RESOURCES,
                random.nextInt(4))));
        Map<String, String> parameters = random.nextBoolean() ? Map.of()
                : Map.of("Limit", String.valueOf(random.nextInt(300)));
        return new AwsOperation(action.substring(0, colon), action.substring(colon + 1), "eu-west-1", resources,
                parameters);
    }

    private static List<String> pick(Random random, String[] values, int count) {
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String value = values[random.nextInt(values.length)];
            if (!picked.contains(value)) {
                picked.add(value);
            }
        }
        return picked;
    }
}
