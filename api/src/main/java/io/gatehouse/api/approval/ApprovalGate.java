package io.gatehouse.api.approval;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Holds calls that need approving. The data plane asks the gate with the highest {@code service.ranking}; while no
 * gate is registered, every call that needs approval is refused.
 *
 * <p>An approval is bound to the caller (subject and delegation chain) and to {@link HeldCall#requestHash()}. Holding
 * a call joins the pending approval of the same caller and hash, or opens one. Once approved, an approval is
 * redeemed by exactly one execution ({@link #redeem}); a later identical call needs a new approval.
 *
 * @since 1.0
 */
@ProviderType
public interface ApprovalGate {

    /**
     * Holds a call until its approval is resolved or {@code maxWait} passes, whichever is first. Never blocks the
     * calling thread. Cancelling the returned stage (the client went away) stops the wait; the approval itself stays
     * pending, so that the client's retry can still proceed once it is approved.
     *
     * @param call the call and what approving it takes
     * @param maxWait how long to hold at most; {@link Duration#ZERO} answers at once
     * @return the outcome: approved (redeem it before executing), still pending, denied or expired
     */
    CompletionStage<HoldOutcome> hold(HeldCall call, Duration maxWait);

    /**
     * Marks an approved approval as used, atomically. Call it immediately before forwarding; forward only when it
     * returns true.
     *
     * @param approvalId the id from an {@link HoldOutcome.Status#APPROVED} outcome
     * @param call the call about to execute; must be the caller and hash the approval is bound to
     * @return true exactly once per approval, for its caller and request hash; false when it was already used, is not
     *         approved, has expired, or is bound to another call
     */
    boolean redeem(String approvalId, HeldCall call);
}
