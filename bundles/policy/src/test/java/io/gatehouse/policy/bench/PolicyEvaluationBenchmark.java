package io.gatehouse.policy.bench;

import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.policy.ApprovalRequirement;
import io.gatehouse.api.policy.Condition;
import io.gatehouse.api.policy.PolicyDecision;
import io.gatehouse.api.policy.PolicyRule;
import io.gatehouse.api.policy.Principals;
import io.gatehouse.api.policy.RuleSet;
import io.gatehouse.policy.internal.GatehousePolicyEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the data plane pays per call to decide it with 1,000 rules (the real engine, its rules compiled once, as in
 * the gateway): 20 services × 50 rules with literal, prefix ({@code Get*}) and general wildcards, table/bucket ARN
 * patterns per team, group and delegation-depth principals, parameter conditions and time windows; 5 % of the rules
 * use a service wildcard ({@code *}, {@code *:Describe*}) and are checked for every call. Most rules do not match a
 * given call, as in a real policy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PolicyEvaluationBenchmark {

    private static final String[] SERVICES = {"dynamodb", "s3", "sqs", "sns", "kinesis", "lambda", "kms",
        "secretsmanager", "ssm", "logs", "sts", "iam", "ec2", "ecs", "rds", "glue", "athena", "events", "states",
        "cloudwatch"};
    private static final String[] VERBS = {"Get", "Put", "Delete", "Describe", "List", "Update", "Create", "Query",
        "Scan", "Batch"};

    private GatehousePolicyEngine engine;
    private Identity agent;
    private AwsOperation getItem;
    private AwsOperation batchWrite;

    @Setup
    public void rules() {
        Random random = new Random(1000);
        List<PolicyRule> rules = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            rules.add(i % 20 == 0 ? anyServiceRule(random, i) : serviceRule(random, i, SERVICES[i % SERVICES.length]));
        }
        rules.add(new PolicyRule("orders-team", PolicyRule.Effect.ALLOW, new Principals(List.of(), List.of("orders"),
                List.of(), Optional.empty(), Optional.empty()), List.of("dynamodb:*"),
                List.of("arn:aws:dynamodb:eu-west-1:123456789012:table/orders-*"), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), ""));
        RuleSet set = new RuleSet("files", "bench", rules);
        engine = new GatehousePolicyEngine();
        engine.addSource(() -> set);
        agent = new Identity("alice", Set.of("orders", "dev"), List.of("agent-1"), "gs", "GHSA", "",
                Instant.now().plusSeconds(3600));
        getItem = new AwsOperation("dynamodb", "GetItem", "eu-west-1",
                List.of("arn:aws:dynamodb:eu-west-1:123456789012:table/orders-2026"), Map.of("ConsistentRead", "true"));
        List<String> tables = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            tables.add("arn:aws:dynamodb:eu-west-1:123456789012:table/orders-" + i);
        }
        batchWrite = new AwsOperation("dynamodb", "BatchWriteItem", "eu-west-1", tables, Map.of());
        if (!engine.decide(agent, getItem).decision().isAllowed()
                || !engine.decide(agent, batchWrite).decision().isAllowed()) {
            throw new IllegalStateException("the benchmark calls must be allowed: " + engine.decide(agent, getItem));
        }
    }

    private static PolicyRule serviceRule(Random random, int i, String service) {
        String verb = VERBS[random.nextInt(VERBS.length)];
        String action = switch (random.nextInt(3)) {
            case 0 -> service + ":" + verb + "Thing" + i;
            case 1 -> service + ":" + verb + "*";
            default -> service + ":*" + verb + "?tem" + i;
        };
        String resource = "arn:aws:" + service + ":*:123456789012:team" + (i % 37) + "/" + (random.nextBoolean()
                ? "prod-*" : "res-" + i);
        return rule(random, "r" + i, List.of(action), List.of(resource));
    }

    private static PolicyRule anyServiceRule(Random random, int i) {
        return rule(random, "any" + i, List.of(random.nextBoolean() ? "*:Describe*" : "*:Tag" + i + "*"),
                List.of("arn:aws:*:*:*:shared-" + i + "/*"));
    }

    private static PolicyRule rule(Random random, String id, List<String> actions, List<String> resources) {
        PolicyRule.Effect effect = random.nextInt(10) < 6 ? PolicyRule.Effect.ALLOW
                : random.nextBoolean() ? PolicyRule.Effect.DENY : PolicyRule.Effect.REQUIRE_APPROVAL;
        Principals principals = random.nextInt(3) == 0 ? new Principals(List.of(), List.of("team-" + random.nextInt(30)),
                List.of(), random.nextBoolean() ? Optional.of(1) : Optional.empty(), Optional.empty())
                : Principals.ANYONE;
        List<Condition> conditions = random.nextInt(5) == 0
                ? List.of(new Condition("Limit", Condition.Operator.GREATER_THAN, List.of("100"))) : List.of();
        Optional<Instant> notAfter = random.nextInt(10) == 0 ? Optional.of(Instant.parse("2030-01-01T00:00:00Z"))
                : Optional.empty();
        Optional<ApprovalRequirement> approval = effect == PolicyRule.Effect.REQUIRE_APPROVAL
                ? Optional.of(new ApprovalRequirement(Set.of("sre"), 1 + random.nextInt(2), Duration.ofMinutes(15)))
                : Optional.empty();
        return new PolicyRule(id, effect, principals, actions, resources, conditions, Optional.empty(), notAfter,
                approval, "");
    }

    @Benchmark
    public PolicyDecision decideGetItem() {
        return engine.decide(agent, getItem);
    }

    @Benchmark
    public PolicyDecision decideBatchOf25() {
        return engine.decide(agent, batchWrite);
    }
}
