package io.gatehouse.proxy.internal.pipeline;

import static io.gatehouse.proxy.internal.pipeline.PolicyFixtures.ALICE;
import static io.gatehouse.proxy.internal.pipeline.PolicyFixtures.DELETE_TABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.api.approval.ApprovalGate;
import io.gatehouse.api.approval.HeldCall;
import io.gatehouse.api.approval.HoldOutcome;
import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.proxy.internal.error.GatewayException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ApprovalStageTest {

    private static final RequestView REQUEST = PolicyFixtures.deleteTableRequest("20261125T120000Z", "a".repeat(64),
            "{\"TableName\":\"prod\"}");

    /** Answers every hold with one outcome and counts redemptions; stands in for the approval bundle's gate. */
    private static final class OneOutcomeGate implements ApprovalGate {
        final HoldOutcome outcome;
        final boolean redeemable;
        final List<HeldCall> held = new ArrayList<>();
        final AtomicInteger redeemed = new AtomicInteger();

        OneOutcomeGate(HoldOutcome.Status status, boolean redeemable) {
            this.outcome = new HoldOutcome(status, "ap-1", "http://127.0.0.1:7701/api/v1/approvals/ap-1",
                    "needs 1 approval from sre");
            this.redeemable = redeemable;
        }

        @Override
        public CompletionStage<HoldOutcome> hold(HeldCall call, Duration maxWait) {
            held.add(call);
            return CompletableFuture.completedFuture(outcome);
        }

        @Override
        public boolean redeem(String approvalId, HeldCall call) {
            redeemed.incrementAndGet();
            return redeemable;
        }
    }

    @Test
    void anAllowedCallIsNeverHeld() {
        OneOutcomeGate gate = new OneOutcomeGate(HoldOutcome.Status.PENDING, true);

        String approval = stage(gate).clear(ALICE, REQUEST, DELETE_TABLE, PolicyFixtures.allow(),
                ClientConnection.ALWAYS_OPEN).toCompletableFuture().join();

        assertThat(gate.held).isEmpty();
        assertThat(approval).isEmpty();
    }

    @Test
    void anApprovedCallIsBoundToItsHashAndRedeemedOnce() {
        OneOutcomeGate gate = new OneOutcomeGate(HoldOutcome.Status.APPROVED, true);

        String approval = stage(gate).clear(ALICE, REQUEST, DELETE_TABLE, PolicyFixtures.approve(),
                ClientConnection.ALWAYS_OPEN).toCompletableFuture().join();

        assertThat(approval).isEqualTo("ap-1");
        assertThat(gate.held).singleElement().satisfies(call -> {
            assertThat(call.requestHash()).isEqualTo(CanonicalCall.hash(REQUEST, "dynamodb", "eu-west-1"));
            assertThat(call.requirement().approverGroups()).containsExactly("sre");
        });
        assertThat(gate.redeemed).hasValue(1);
    }

    @Test
    void aClientThatLeftWhileHeldRunsNothing() {
        OneOutcomeGate gate = new OneOutcomeGate(HoldOutcome.Status.APPROVED, true);

        assertRefused(gate, () -> CompletableFuture.completedFuture(false), 499, "ClientClosedRequest");
        assertThat(gate.redeemed).hasValue(0);
    }

    @Test
    void anApprovalUsedAlreadyIsRefused() {
        assertRefused(new OneOutcomeGate(HoldOutcome.Status.APPROVED, false), ClientConnection.ALWAYS_OPEN, 403,
                "ApprovalPending");
    }

    @Test
    void pendingDeniedAndExpiredAreClientErrorsNamingTheApproval() {
        GatewayException pending = assertRefused(new OneOutcomeGate(HoldOutcome.Status.PENDING, true),
                ClientConnection.ALWAYS_OPEN, 403, "ApprovalPending");
        assertThat(pending.getMessage()).contains("ap-1", "http://127.0.0.1:7701/api/v1/approvals/ap-1", "r-approve");
        assertRefused(new OneOutcomeGate(HoldOutcome.Status.DENIED, true), ClientConnection.ALWAYS_OPEN, 403,
                "ApprovalDenied");
        assertRefused(new OneOutcomeGate(HoldOutcome.Status.EXPIRED, true), ClientConnection.ALWAYS_OPEN, 403,
                "ApprovalExpired");
    }

    @Test
    void withoutAGateACallNeedingApprovalIsRefused() {
        assertThatThrownBy(() -> new ApprovalStage(Optional::empty, Duration.ofSeconds(1))
                .clear(ALICE, REQUEST, DELETE_TABLE, PolicyFixtures.approve(), ClientConnection.ALWAYS_OPEN))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(503));
    }

    private static ApprovalStage stage(ApprovalGate gate) {
        return new ApprovalStage(() -> Optional.of(gate), Duration.ofSeconds(1));
    }

    private static GatewayException assertRefused(ApprovalGate gate, ClientConnection client, int status,
                                                  String code) {
        CompletableFuture<String> result = stage(gate).clear(ALICE, REQUEST, DELETE_TABLE, PolicyFixtures.approve(),
                client).toCompletableFuture();
        Throwable error = org.assertj.core.api.Assertions.catchThrowable(result::join);
        assertThat(error).isInstanceOf(CompletionException.class).hasCauseInstanceOf(GatewayException.class);
        GatewayException refusal = (GatewayException) error.getCause();
        assertThat(refusal.status()).isEqualTo(status);
        assertThat(refusal.code()).isEqualTo(code);
        return refusal;
    }
}
