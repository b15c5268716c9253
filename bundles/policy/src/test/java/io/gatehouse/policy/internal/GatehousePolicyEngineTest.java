package io.gatehouse.policy.internal;

import static io.gatehouse.policy.evaluation.Rules.allow;
import static io.gatehouse.policy.evaluation.Rules.call;
import static io.gatehouse.policy.evaluation.Rules.deny;
import static io.gatehouse.policy.evaluation.Rules.person;
import static io.gatehouse.policy.evaluation.Rules.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Decision.Outcome;
import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.policy.PolicyDecision;
import io.gatehouse.api.policy.PolicySource;
import io.gatehouse.api.policy.RuleSet;
import io.gatehouse.policy.evaluation.PolicyEvaluator;
import io.gatehouse.policy.evaluation.Rules;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GatehousePolicyEngineTest {

    private static final Identity ALICE = person("alice", "dev");
    private static final AwsOperation GET = call("dynamodb:GetItem", table("orders"));

    @Test
    void withoutSourceEverythingIsDenied() {
        PolicyDecision decision = new GatehousePolicyEngine().decide(ALICE, GET);
        assertThat(decision.decision().outcome()).isEqualTo(Outcome.DENY);
        assertThat(decision.decision().rule()).isEqualTo(GatehousePolicyEngine.NO_SOURCE);
    }

    @Test
    void aDenyFromOneSourceBeatsAnAllowFromAnother() {
        GatehousePolicyEngine engine = new GatehousePolicyEngine();
        engine.addSource(() -> new RuleSet("files", "a1", List.of(allow("all", List.of("*"), List.of("*")))));
        assertThat(engine.decide(ALICE, GET).decision().outcome()).isEqualTo(Outcome.ALLOW);
        PolicySource grants = () -> new RuleSet("grants", "7", List.of(deny("no-orders", List.of("*"),
                List.of(table("orders")))));
        engine.addSource(grants);
        PolicyDecision decision = engine.decide(ALICE, GET);
        assertThat(decision.decision().outcome()).isEqualTo(Outcome.DENY);
        assertThat(decision.decision().policyVersion()).isEqualTo("files@a1,grants@7");
        engine.removeSource(grants);
        assertThat(engine.decide(ALICE, GET).decision().outcome()).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void aNewSnapshotIsUsedAtOnce() {
        AtomicReference<RuleSet> current = new AtomicReference<>(new RuleSet("files", "1", List.of()));
        GatehousePolicyEngine engine = new GatehousePolicyEngine();
        engine.addSource(current::get);
        assertThat(engine.decide(ALICE, GET).decision().outcome()).isEqualTo(Outcome.DENY);
        current.set(new RuleSet("files", "2", List.of(allow("all", List.of("*"), List.of("*")))));
        PolicyDecision decision = engine.decide(ALICE, GET);
        assertThat(decision.decision().outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(decision.decision().policyVersion()).isEqualTo("files@2");
    }

    @Test
    void aSourceThatFailsDeniesWithAClearReason() {
        GatehousePolicyEngine engine = new GatehousePolicyEngine();
        engine.addSource(() -> new RuleSet("files", "1", List.of(allow("all", List.of("*"), List.of("*")))));
        engine.addSource(() -> {
            throw new IllegalStateException("store unreachable");
        });
        PolicyDecision decision = engine.decide(ALICE, GET);
        assertThat(decision.decision().outcome()).isEqualTo(Outcome.DENY);
        assertThat(decision.decision().rule()).isEqualTo(PolicyEvaluator.EVALUATION_ERROR);
        assertThat(decision.decision().reason()).contains("dynamodb:GetItem").contains("store unreachable");
    }

    @Test
    void aRuleThatCannotBeCompiledDeniesEverything() {
        GatehousePolicyEngine engine = new GatehousePolicyEngine();
        engine.addSource(() -> new RuleSet("files", "1", List.of(allow("all", List.of("*"), List.of("*")),
                Rules.rule("bad", io.gatehouse.api.policy.PolicyRule.Effect.DENY,
                        io.gatehouse.api.policy.Principals.ANYONE, List.of("x:Y"), List.of("*"),
                        List.of(new io.gatehouse.api.policy.Condition("Limit",
                                io.gatehouse.api.policy.Condition.Operator.LESS_THAN, List.of("ten")))))));
        assertThat(engine.decide(ALICE, GET).decision().rule()).isEqualTo(PolicyEvaluator.EVALUATION_ERROR);
    }

    @Test
    void windowsUseTheInjectedClock() {
        Instant end = Instant.parse("2026-12-24T18:00:00Z");
        RuleSet rules = new RuleSet("files", "1", List.of(Rules.window(allow("until-xmas", List.of("*"),
                List.of("*")), Optional.empty(), Optional.of(end))));
        GatehousePolicyEngine before = new GatehousePolicyEngine(Clock.fixed(end.minusSeconds(1), ZoneOffset.UTC));
        before.addSource(() -> rules);
        GatehousePolicyEngine after = new GatehousePolicyEngine(Clock.fixed(end, ZoneId.of("UTC")));
        after.addSource(() -> rules);
        assertThat(before.decide(ALICE, GET).decision().outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(after.decide(ALICE, GET).decision().outcome()).isEqualTo(Outcome.DENY);
    }
}
