package io.gatehouse.policy.evaluation;

import static io.gatehouse.policy.evaluation.Rules.agent;
import static io.gatehouse.policy.evaluation.Rules.allow;
import static io.gatehouse.policy.evaluation.Rules.approve;
import static io.gatehouse.policy.evaluation.Rules.call;
import static io.gatehouse.policy.evaluation.Rules.deny;
import static io.gatehouse.policy.evaluation.Rules.person;
import static io.gatehouse.policy.evaluation.Rules.rule;
import static io.gatehouse.policy.evaluation.Rules.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Decision.Outcome;
import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.policy.Condition;
import io.gatehouse.api.policy.PolicyDecision;
import io.gatehouse.api.policy.PolicyRule;
import io.gatehouse.api.policy.Principals;
import io.gatehouse.api.policy.RuleSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Identity ALICE = person("alice", "dev");

    private static PolicyDecision decide(List<PolicyRule> rules, Identity identity, AwsOperation operation) {
        return PolicyEvaluator.compile(List.of(new RuleSet("files", "v1", rules))).decide(identity, operation, NOW);
    }

    @Test
    void nothingMatchedIsDenied() {
        PolicyDecision decision = decide(List.of(allow("read", List.of("dynamodb:GetItem"), List.of("*"))), ALICE,
                call("dynamodb:PutItem", table("orders")));
        assertThat(decision.decision().outcome()).isEqualTo(Outcome.DENY);
        assertThat(decision.decision().rule()).isEqualTo(PolicyEvaluator.NO_MATCHING_RULE);
        assertThat(decision.decision().reason()).isEqualTo("no rule allows dynamodb:PutItem on " + table("orders"));
        assertThat(decision.decision().policyVersion()).isEqualTo("files@v1");
    }

    @Test
    void noRulesDenyEverything() {
        PolicyDecision decision = decide(List.of(), ALICE, call("sts:GetCallerIdentity"));
        assertThat(decision.decision().outcome()).isEqualTo(Outcome.DENY);
        assertThat(decision.decision().reason()).isEqualTo("no rule allows sts:GetCallerIdentity (no resource)");
    }

    @Test
    void denyBeatsAllowAndApproval() {
        List<PolicyRule> rules = List.of(allow("a-all", List.of("*"), List.of("*")),
                approve("b-approve", List.of("dynamodb:*"), List.of("*"), 1, "sre"),
                new PolicyRule("z-agents-no-delete", PolicyRule.Effect.DENY, Principals.ANYONE,
                        List.of("dynamodb:Delete*"), List.of("*"), List.of(), Optional.empty(), Optional.empty(),
                        Optional.empty(), "Agents never delete."));
        PolicyDecision decision = decide(rules, ALICE, call("dynamodb:DeleteTable", table("prod-orders")));
        assertThat(decision.decision().outcome()).isEqualTo(Outcome.DENY);
        assertThat(decision.decision().rule()).isEqualTo("z-agents-no-delete");
        assertThat(decision.decision().reason()).isEqualTo("dynamodb:DeleteTable on " + table("prod-orders")
                + " is denied by rule z-agents-no-delete (files): Agents never delete.");
        assertThat(decision.approval()).isEmpty();
    }

    @Test
    void approvalBeatsAllowAndCarriesTheRequirement() {
        List<PolicyRule> rules = List.of(allow("all", List.of("*"), List.of("*")),
                approve("prod-delete", List.of("dynamodb:DeleteTable"), List.of("arn:aws:dynamodb:*:*:table/prod-*"),
                        2, "sre-leads"));
        PolicyDecision prod = decide(rules, ALICE, call("dynamodb:DeleteTable", table("prod-orders")));
        assertThat(prod.decision().outcome()).isEqualTo(Outcome.APPROVE);
        assertThat(prod.decision().rule()).isEqualTo("prod-delete");
        assertThat(prod.approval().orElseThrow().approvals()).isEqualTo(2);
        assertThat(prod.approval().orElseThrow().approverGroups()).containsExactly("sre-leads");
        assertThat(prod.decision().reason()).contains("needs 2 approvals from sre-leads");

        PolicyDecision dev = decide(rules, ALICE, call("dynamodb:DeleteTable", table("dev-orders")));
        assertThat(dev.decision().outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(dev.decision().rule()).isEqualTo("all");
    }

    @Test
    void theStrictestApprovalIsChosenThenTheLowestRuleId() {
        List<PolicyRule> rules = List.of(approve("b-one", List.of("s3:*"), List.of("*"), 1, "ops"),
                approve("c-three", List.of("s3:*"), List.of("*"), 3, "security"),
                approve("a-three", List.of("s3:Delete*"), List.of("*"), 3, "sre"));
        PolicyDecision decision = decide(rules, ALICE, call("s3:DeleteObject", "arn:aws:s3:::b/k"));
        assertThat(decision.decision().rule()).isEqualTo("a-three");
        assertThat(decision.approval().orElseThrow().approverGroups()).containsExactly("sre");
    }

    @Test
    void aBatchIsDeniedWholeWhenOneItemIsDenied() {
        List<PolicyRule> rules = List.of(allow("orders", List.of("dynamodb:BatchGetItem"),
                List.of(table("orders"), table("customers"))));
        assertThat(decide(rules, ALICE, call("dynamodb:BatchGetItem", table("orders"), table("customers")))
                .decision().outcome()).isEqualTo(Outcome.ALLOW);
        PolicyDecision decision = decide(rules, ALICE,
                call("dynamodb:BatchGetItem", table("orders"), table("secrets"), table("customers")));
        assertThat(decision.decision().outcome()).isEqualTo(Outcome.DENY);
        assertThat(decision.decision().reason()).isEqualTo("no rule allows dynamodb:BatchGetItem on "
                + table("secrets") + " (one of 3 resources)");
    }

    @Test
    void aBatchNeedsApprovalWhenOneItemNeedsIt() {
        List<PolicyRule> rules = List.of(allow("all", List.of("*"), List.of("*")),
                approve("prod", List.of("*"), List.of("arn:aws:dynamodb:*:*:table/prod-*"), 1, "sre"));
        PolicyDecision decision = decide(rules, ALICE,
                call("dynamodb:BatchWriteItem", table("dev-a"), table("prod-b")));
        assertThat(decision.decision().outcome()).isEqualTo(Outcome.APPROVE);
        assertThat(decision.decision().reason()).contains(table("prod-b"));
    }

    @Test
    void anExplicitDenyIsReportedBeforeANoMatch() {
        List<PolicyRule> rules = List.of(allow("orders", List.of("*"), List.of(table("orders"))),
                deny("no-secrets", List.of("*"), List.of(table("secrets"))));
        PolicyDecision decision = decide(rules, ALICE,
                call("dynamodb:BatchGetItem", table("unknown"), table("secrets")));
        assertThat(decision.decision().rule()).isEqualTo("no-secrets");
    }

    @Test
    void aCallWithoutResourceIsMatchedByTheStarResourceOnly() {
        List<PolicyRule> rules = List.of(allow("list", List.of("dynamodb:ListTables"),
                List.of("arn:aws:dynamodb:*:*:table/*")));
        assertThat(decide(rules, ALICE, call("dynamodb:ListTables")).decision().outcome()).isEqualTo(Outcome.DENY);
        List<PolicyRule> star = List.of(allow("list", List.of("dynamodb:ListTables"), List.of("*")));
        assertThat(decide(star, ALICE, call("dynamodb:ListTables")).decision().outcome()).isEqualTo(Outcome.ALLOW);
        List<PolicyRule> starStar = List.of(allow("list", List.of("dynamodb:ListTables"), List.of("**")));
        assertThat(decide(starStar, ALICE, call("dynamodb:ListTables")).decision().outcome())
                .as("like Scope.permits, only the literal * matches a call without resource")
                .isEqualTo(Outcome.DENY);
    }

    @Test
    void actionsCompareWithoutCaseResourcesExactly() {
        List<PolicyRule> rules = List.of(allow("get", List.of("DynamoDB:getitem"), List.of(table("Orders"))));
        assertThat(decide(rules, ALICE, call("dynamodb:GetItem", table("Orders"))).decision().outcome())
                .isEqualTo(Outcome.ALLOW);
        assertThat(decide(rules, ALICE, call("dynamodb:GetItem", table("orders"))).decision().outcome())
                .isEqualTo(Outcome.DENY);
    }

    @Test
    void wildcardEdgeCases() {
        List<PolicyRule> rules = List.of(allow("q", List.of("dynamodb:?etItem"), List.of("arn:aws:dynamodb:*:table/a?")));
        assertThat(decide(rules, ALICE, call("dynamodb:GetItem", "arn:aws:dynamodb:eu:1:table/ab")).decision()
                .outcome()).as("* spans ':' and '?' is one character").isEqualTo(Outcome.ALLOW);
        assertThat(decide(rules, ALICE, call("dynamodb:GetItem", "arn:aws:dynamodb:eu:1:table/abc")).decision()
                .outcome()).isEqualTo(Outcome.DENY);
        assertThat(decide(rules, ALICE, call("dynamodb:GetItem", "arn:aws:dynamodb:eu:1:table/a")).decision()
                .outcome()).isEqualTo(Outcome.DENY);
        assertThat(decide(rules, ALICE, call("dynamodb:BatchGetItem", "arn:aws:dynamodb:eu:1:table/ab")).decision()
                .outcome()).isEqualTo(Outcome.DENY);
        List<PolicyRule> prefix = List.of(allow("p", List.of("dynamodb:Get*"), List.of("*")));
        assertThat(decide(prefix, ALICE, call("dynamodb:Get")).decision().outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(decide(prefix, ALICE, call("dynamodbx:GetItem")).decision().outcome()).isEqualTo(Outcome.DENY);
        List<PolicyRule> anyService = List.of(allow("s", List.of("*:Get*"), List.of("*")));
        assertThat(decide(anyService, ALICE, call("sqs:GetQueueUrl")).decision().outcome()).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void conditionsOnParameters() {
        Condition noLimit = new Condition("Limit", Condition.Operator.ABSENT, List.of());
        List<PolicyRule> rules = List.of(allow("all", List.of("*"), List.of("*")),
                rule("scan-needs-limit", PolicyRule.Effect.DENY, Principals.ANYONE, List.of("dynamodb:Scan"),
                        List.of("*"), List.of(noLimit)),
                rule("scan-limit-small", PolicyRule.Effect.DENY, Principals.ANYONE, List.of("dynamodb:Scan"),
                        List.of("*"), List.of(new Condition("Limit", Condition.Operator.GREATER_THAN, List.of("100")))));
        assertThat(decide(rules, ALICE, call("dynamodb:Scan", table("t"))).decision().rule())
                .isEqualTo("scan-needs-limit");
        assertThat(decide(rules, ALICE, call("dynamodb:Scan", Map.of("Limit", "10"), table("t"))).decision()
                .outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(decide(rules, ALICE, call("dynamodb:Scan", Map.of("Limit", "1000"), table("t"))).decision()
                .rule()).isEqualTo("scan-limit-small");
        assertThat(decide(rules, ALICE, call("dynamodb:Scan", Map.of("Limit", "abc"), table("t"))).decision()
                .outcome()).as("a non-number fails a numeric test").isEqualTo(Outcome.ALLOW);
    }

    @Test
    void everyConditionOperator() {
        Map<String, String> params = Map.of("Select", "ALL_ATTRIBUTES", "Limit", "50.5");
        assertThat(holds(Condition.Operator.PRESENT, "Select", params)).isTrue();
        assertThat(holds(Condition.Operator.PRESENT, "Missing", params)).isFalse();
        assertThat(holds(Condition.Operator.ABSENT, "Missing", params)).isTrue();
        assertThat(holds(Condition.Operator.ABSENT, "Select", params)).isFalse();
        assertThat(holds(Condition.Operator.EQUALS, "Select", params, "COUNT", "ALL_ATTRIBUTES")).isTrue();
        assertThat(holds(Condition.Operator.EQUALS, "Select", params, "all_attributes")).isFalse();
        assertThat(holds(Condition.Operator.EQUALS, "Missing", params, "x")).isFalse();
        assertThat(holds(Condition.Operator.NOT_EQUALS, "Select", params, "COUNT")).isTrue();
        assertThat(holds(Condition.Operator.NOT_EQUALS, "Select", params, "COUNT", "ALL_ATTRIBUTES")).isFalse();
        assertThat(holds(Condition.Operator.NOT_EQUALS, "Missing", params, "x")).isTrue();
        assertThat(holds(Condition.Operator.LIKE, "Select", params, "ALL_*")).isTrue();
        assertThat(holds(Condition.Operator.LIKE, "Select", params, "COUNT", "?LL_ATTRIBUTES")).isTrue();
        assertThat(holds(Condition.Operator.LIKE, "Select", params, "ALL")).isFalse();
        assertThat(holds(Condition.Operator.LESS_THAN, "Limit", params, "50.6")).isTrue();
        assertThat(holds(Condition.Operator.LESS_THAN, "Limit", params, "50.5")).isFalse();
        assertThat(holds(Condition.Operator.GREATER_THAN, "Limit", params, "50")).isTrue();
        assertThat(holds(Condition.Operator.GREATER_THAN, "Limit", params, "60", "10")).isTrue();
        assertThat(holds(Condition.Operator.GREATER_THAN, "Missing", params, "0")).isFalse();
        assertThat(holds(Condition.Operator.LESS_THAN, "Select", params, "100")).isFalse();
    }

    private static boolean holds(Condition.Operator operator, String parameter, Map<String, String> params,
                                 String... values) {
        return new ConditionTest(new Condition(parameter, operator, List.of(values))).holds(params);
    }

    @Test
    void timeWindowsIncludeTheStartAndExcludeTheEnd() {
        PolicyRule base = allow("business-hours", List.of("*"), List.of("*"));
        PolicyRule windowed = Rules.window(base, Optional.of(NOW), Optional.of(NOW.plusSeconds(3600)));
        PolicyEvaluator evaluator = PolicyEvaluator.compile(List.of(new RuleSet("files", "v", List.of(windowed))));
        AwsOperation op = call("sqs:SendMessage", "arn:aws:sqs:eu-west-1:1:q");
        assertThat(evaluator.decide(ALICE, op, NOW.minusMillis(1)).decision().outcome()).isEqualTo(Outcome.DENY);
        assertThat(evaluator.decide(ALICE, op, NOW).decision().outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(evaluator.decide(ALICE, op, NOW.plusSeconds(3599)).decision().outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(evaluator.decide(ALICE, op, NOW.plusSeconds(3600)).decision().outcome()).isEqualTo(Outcome.DENY);
    }

    @Test
    void principalsSubjectsGroupsActorsAndDepth() {
        Principals agents = new Principals(List.of(), List.of(), List.of(), Optional.of(1), Optional.empty());
        Principals directDevs = new Principals(List.of("a*"), List.of("dev", "ops"), List.of(), Optional.empty(),
                Optional.of(0));
        Principals ciActor = new Principals(List.of(), List.of(), List.of("ci-*"), Optional.empty(), Optional.empty());
        List<PolicyRule> rules = List.of(
                rule("agents-no-delete", PolicyRule.Effect.DENY, agents, List.of("dynamodb:Delete*"), List.of("*"),
                        List.of()),
                rule("devs", PolicyRule.Effect.ALLOW, directDevs, List.of("dynamodb:*"), List.of("*"), List.of()),
                rule("ci", PolicyRule.Effect.ALLOW, ciActor, List.of("dynamodb:*"), List.of("*"), List.of()));
        AwsOperation delete = call("dynamodb:DeleteItem", table("t"));
        assertThat(decide(rules, person("alice", "dev"), delete).decision().rule()).isEqualTo("devs");
        assertThat(decide(rules, person("bob", "dev"), delete).decision().outcome()).isEqualTo(Outcome.DENY);
        assertThat(decide(rules, person("alice", "sales"), delete).decision().outcome()).isEqualTo(Outcome.DENY);
        assertThat(decide(rules, agent("alice", Set.of("dev"), "agent-1"), delete).decision().rule())
                .isEqualTo("agents-no-delete");
        AwsOperation get = call("dynamodb:GetItem", table("t"));
        assertThat(decide(rules, agent("alice", Set.of("dev"), "agent-1"), get).decision().outcome())
                .as("devs is max-depth 0").isEqualTo(Outcome.DENY);
        assertThat(decide(rules, agent("alice", Set.of(), "agent-1", "ci-7"), get).decision().rule())
                .as("the current actor is the last of the chain").isEqualTo("ci");
        assertThat(decide(rules, agent("alice", Set.of(), "ci-7", "agent-1"), get).decision().outcome())
                .isEqualTo(Outcome.DENY);
    }

    @Test
    void theAllowingRuleReportedIsTheLowestId() {
        List<PolicyRule> rules = List.of(allow("m", List.of("*"), List.of("*")), allow("c", List.of("s3:*"),
                List.of("*")), allow("x", List.of("s3:GetObject"), List.of("*")));
        assertThat(decide(rules, ALICE, call("s3:GetObject", "arn:aws:s3:::b/k")).decision().rule()).isEqualTo("c");
    }

    @Test
    void versionCombinesEverySourceSorted() {
        PolicyEvaluator evaluator = PolicyEvaluator.compile(List.of(new RuleSet("grants", "7", List.of()),
                new RuleSet("files", "abc", List.of())));
        assertThat(evaluator.version()).isEqualTo("files@abc,grants@7");
        assertThat(PolicyEvaluator.compile(List.of()).version()).isEqualTo("none");
    }

    @Test
    void anErrorWhileEvaluatingDenies() {
        PolicyEvaluator evaluator = PolicyEvaluator.compile(List.of(new RuleSet("files", "v",
                List.of(rule("alice", PolicyRule.Effect.ALLOW, new Principals(List.of("alice"), List.of(), List.of(),
                        Optional.empty(), Optional.empty()), List.of("*"), List.of("*"), List.of())))));
        AwsOperation op = call("s3:GetObject", "arn:aws:s3:::b/k");
        assertThat(evaluator.decide(ALICE, op, NOW).decision().outcome()).isEqualTo(Outcome.ALLOW);
        PolicyDecision decision = evaluator.decide(null, op, NOW);
        assertThat(decision.decision().outcome()).isEqualTo(Outcome.DENY);
        assertThat(decision.decision().rule()).isEqualTo(PolicyEvaluator.EVALUATION_ERROR);
        assertThat(decision.decision().reason()).startsWith("policy evaluation failed for s3:GetObject (");
        assertThat(decision.decision().policyVersion()).isEqualTo("files@v");
    }

    @Test
    void explainSaysWhyEachRuleDidNotMatch() {
        List<PolicyRule> rules = List.of(allow("reads", List.of("dynamodb:Get*"), List.of("*")),
                rule("devs", PolicyRule.Effect.ALLOW, new Principals(List.of(), List.of("sre"), List.of(),
                        Optional.empty(), Optional.empty()), List.of("*"), List.of("*"), List.of()),
                allow("other-table", List.of("*"), List.of(table("other"))),
                rule("limit", PolicyRule.Effect.ALLOW, Principals.ANYONE, List.of("*"), List.of("*"),
                        List.of(new Condition("Limit", Condition.Operator.PRESENT, List.of()))));
        Explanation explanation = PolicyEvaluator.compile(List.of(new RuleSet("files", "v", rules)))
                .explain(ALICE, call("dynamodb:Scan", table("orders")), NOW);
        assertThat(explanation.decision().decision().outcome()).isEqualTo(Outcome.DENY);
        assertThat(explanation.items()).hasSize(1);
        assertThat(explanation.items().get(0).rules()).extracting(Explanation.RuleCheck::detail).containsExactly(
                "principal: groups [dev] include none of [sre]",
                "condition: Limit present does not hold (Limit is absent)",
                "resource: " + table("orders") + " matches none of [" + table("other") + "]",
                "action: dynamodb:Scan matches none of [dynamodb:Get*]");
    }
}
