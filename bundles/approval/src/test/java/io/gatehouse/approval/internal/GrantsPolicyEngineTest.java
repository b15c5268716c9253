package io.gatehouse.approval.internal;

import static io.gatehouse.approval.internal.Fixtures.ALICE;
import static io.gatehouse.approval.internal.Fixtures.ALICE_AGENT;
import static io.gatehouse.approval.internal.Fixtures.BOB;
import static io.gatehouse.approval.internal.Fixtures.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Decision;
import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.policy.PolicyRule;
import io.gatehouse.api.policy.Principals;
import io.gatehouse.api.policy.RuleSet;
import io.gatehouse.policy.internal.GatehousePolicyEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Grants as the policy engine (bundles/policy) decides them: allowed inside the window only, deny still wins. */
class GrantsPolicyEngineTest {

    private static final String ORDERS = "arn:aws:dynamodb:eu-west-1:000000000000:table/Orders";
    private static final String AUDIT = "arn:aws:dynamodb:eu-west-1:000000000000:table/Audit";

    private final Fixtures.MutableClock clock = new Fixtures.MutableClock();
    private final ChannelNotifier notifier = new ChannelNotifier(1, Duration.ofMillis(10));
    private final ApprovalBook book = ApprovalBook.inMemory(Fixtures.settings(), clock, notifier);
    private final GatehousePolicyEngine engine = new GatehousePolicyEngine(clock);

    @AfterEach
    void close() {
        book.close();
        notifier.close();
    }

    private Decision.Outcome decide(Identity who, String table) {
        return engine.decide(who, new AwsOperation("dynamodb", "DeleteItem", "eu-west-1", List.of(table), Map.of()))
                .decision().outcome();
    }

    @Test
    void aGrantAllowsInsideItsWindowOnlyAndAnExplicitDenyStillWins() throws Exception {
        RuleSet files = new RuleSet("files", "v1", List.of(new PolicyRule("no-audit-deletes", PolicyRule.Effect.DENY,
                Principals.ANYONE, List.of("dynamodb:Delete*"), List.of(AUDIT), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), "The audit table is append-only")));
        engine.addSource(() -> files);
        engine.addSource(book::grantRules);
        assertThat(decide(ALICE, ORDERS)).isEqualTo(Decision.Outcome.DENY);

        var grant = book.requestGrant(ALICE, GrantRequest.validated(List.of("dynamodb:DeleteItem"),
                List.of(ORDERS, AUDIT), Duration.ofMinutes(30), "incident 42"));
        assertThat(decide(ALICE, ORDERS)).as("pending").isEqualTo(Decision.Outcome.DENY);
        book.approve(grant.id(), BOB);

        assertThat(decide(ALICE, ORDERS)).isEqualTo(Decision.Outcome.ALLOW);
        assertThat(decide(ALICE_AGENT, ORDERS)).as("the grantee's agent").isEqualTo(Decision.Outcome.ALLOW);
        assertThat(decide(DAVE, ORDERS)).as("someone else").isEqualTo(Decision.Outcome.DENY);
        assertThat(decide(ALICE, AUDIT)).as("explicit deny").isEqualTo(Decision.Outcome.DENY);

        clock.advance(Duration.ofMinutes(30));

        assertThat(decide(ALICE, ORDERS)).as("after the window, without a restart").isEqualTo(Decision.Outcome.DENY);
    }

    @Test
    void aRevokedGrantAllowsNothing() throws Exception {
        engine.addSource(book::grantRules);
        var grant = book.requestGrant(ALICE, GrantRequest.validated(List.of("dynamodb:DeleteItem"), List.of(ORDERS),
                Duration.ofMinutes(30), "incident 42"));
        book.approve(grant.id(), BOB);
        assertThat(decide(ALICE, ORDERS)).isEqualTo(Decision.Outcome.ALLOW);

        book.revokeGrant(grant.id(), ALICE);

        assertThat(decide(ALICE, ORDERS)).isEqualTo(Decision.Outcome.DENY);
    }
}
