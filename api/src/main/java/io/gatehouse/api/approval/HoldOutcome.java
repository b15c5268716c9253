package io.gatehouse.api.approval;

import java.util.Objects;

/**
 * How holding a call ended.
 *
 * @param status the state of the approval
 * @param approvalId the approval the call is bound to
 * @param reviewUrl where a reviewer can see and decide it
 * @param message a sentence for the caller: who must approve, or why it was denied (the data plane adds the approval
 *        id, the review link and how to retry)
 * @since 1.0
 */
public record HoldOutcome(Status status, String approvalId, String reviewUrl, String message) {

    /** The state of the approval when the hold ended. */
    public enum Status {
        /** Approved and not yet used: {@link ApprovalGate#redeem redeem} it, then execute. */
        APPROVED,
        /** Still waiting for reviewers; the caller may retry the identical call later. */
        PENDING,
        /** A reviewer denied it. */
        DENIED,
        /** Nobody decided within the approval's validity. */
        EXPIRED
    }

    /** Validates that no component is null. */
    public HoldOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(approvalId, "approvalId");
        Objects.requireNonNull(reviewUrl, "reviewUrl");
        Objects.requireNonNull(message, "message");
    }
}
