package io.gatehouse.proxy.internal.pipeline;

import io.gatehouse.api.approval.ApprovalGate;
import io.gatehouse.api.approval.HeldCall;
import io.gatehouse.api.approval.HoldOutcome;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Decision;
import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.api.policy.PolicyDecision;
import io.gatehouse.proxy.internal.error.ErrorCode;
import io.gatehouse.proxy.internal.error.GatewayException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hold stage: a call whose decision is "approve" waits at the {@link ApprovalGate} for at most the configured
 * hold time. Approved in time, and with its client still connected, it redeems the approval (once) and proceeds on
 * the same connection; otherwise the client gets a 4xx naming the approval, and the identical call made again later
 * proceeds once the approval is granted.
 */
public final class ApprovalStage {

    private static final Logger LOG = LoggerFactory.getLogger(ApprovalStage.class);

    private final Supplier<Optional<ApprovalGate>> gate;
    private final Duration holdTime;

    /**
     * @param gate the gate to hold calls at, looked up for every call
     * @param holdTime how long a call waits for its reviewers before the client is told it is pending
     */
    public ApprovalStage(Supplier<Optional<ApprovalGate>> gate, Duration holdTime) {
        this.gate = gate;
        this.holdTime = holdTime;
    }

    /**
     * @param identity who calls
     * @param request the request as received, which the approval is bound to
     * @param operation what it does
     * @param decision the policy's decision
     * @param client the client's connection
     * @return a stage that completes with the id of the approval the call redeemed (empty when it needed none) when
     *         the call may proceed, exceptionally with a {@link GatewayException} otherwise
     */
    public CompletionStage<String> clear(Identity identity, RequestView request, AwsOperation operation,
                                       PolicyDecision decision, ClientConnection client) {
        if (decision.decision().outcome() == Decision.Outcome.ALLOW) {
            return CompletableFuture.completedFuture("");
        }
        ApprovalGate active = gate.get().orElseThrow(() -> new GatewayException(ErrorCode.APPROVAL_UNAVAILABLE,
                operation.iamAction() + " needs approval (rule " + decision.decision().rule() + "), but no approval "
                        + "service is active; start the io.gatehouse.approval bundle."));
        HeldCall call = new HeldCall(identity, operation, decision.decision(), decision.approval().orElseThrow(),
                boundHash(request, operation, decision));
        return active.hold(call, holdTime).thenCompose(outcome -> switch (outcome.status()) {
            // redeeming waits until the use is on disk: never on the connection's I/O thread
            case APPROVED -> client.isStillOpen().thenApplyAsync(open -> redeem(active, call, outcome, open));
            case PENDING -> throw new GatewayException(ErrorCode.APPROVAL_PENDING, operation.iamAction() + " on "
                    + operation.resources() + " waits for approval " + outcome.approvalId() + " (rule "
                    + decision.decision().rule() + "): " + outcome.message() + " Review it at " + outcome.reviewUrl()
                    + ". Once it is approved, run the identical command again.");
            case DENIED -> throw new GatewayException(ErrorCode.APPROVAL_DENIED, "Approval " + outcome.approvalId()
                    + " for " + operation.iamAction() + " was denied: " + outcome.message());
            case EXPIRED -> throw new GatewayException(ErrorCode.APPROVAL_EXPIRED, "Approval " + outcome.approvalId()
                    + " for " + operation.iamAction() + " expired before reviewers decided; the call was not run. "
                    + "Run it again to ask anew.");
        });
    }

    private static String boundHash(RequestView request, AwsOperation operation, PolicyDecision decision) {
        try {
            return CanonicalCall.hash(request, operation.service(), operation.region());
        } catch (CanonicalCall.UnboundBodyException e) {
            throw new GatewayException(ErrorCode.ACCESS_DENIED, operation.iamAction() + " needs approval (rule "
                    + decision.decision().rule() + "), and an approval is bound to the exact body; this streamed "
                    + "body is not signed with its SHA-256 (x-amz-content-sha256 is "
                    + request.headers().first("x-amz-content-sha256").orElse("absent") + "). Send it with a signed "
                    + "payload hash, or in one part small enough to be buffered.");
        }
    }

    private static String redeem(ApprovalGate gate, HeldCall call, HoldOutcome outcome, boolean clientOpen) {
        if (!clientOpen) {
            LOG.warn("Approval {} was granted, but its client disconnected while held; nothing was run and the "
                    + "approval stays unused", outcome.approvalId());
            throw new GatewayException(ErrorCode.CLIENT_GONE, "The client disconnected while the call was held.");
        }
        if (!gate.redeem(outcome.approvalId(), call)) {
            throw new GatewayException(ErrorCode.APPROVAL_PENDING, "Approval " + outcome.approvalId() + " for "
                    + call.operation().iamAction() + " has already been used: an approval runs its call once. Ask "
                    + "for a new approval by running the command again.");
        }
        LOG.info("Approval {} redeemed by {} for {}", outcome.approvalId(), call.requester().subject(),
                call.operation().iamAction());
        return outcome.approvalId();
    }
}
