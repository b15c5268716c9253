package io.gatehouse.api.approval;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable picture of one approval, as reviewers and {@link ApprovalChannel channels} see it. It never holds a
 * request body, a credential or a token.
 *
 * @param id the approval id
 * @param kind a held call, or a just-in-time grant
 * @param status the state when the picture was taken
 * @param requesterSubject the subject at the root of the requester's delegation chain
 * @param requesterChain the requester's delegation chain, outermost first; empty for a direct caller
 * @param actions the IAM-style actions asked for, e.g. {@code dynamodb:DeleteTable}
 * @param resources the resource ARNs (or, for a grant, ARN patterns) asked for
 * @param region the call's region; empty for a grant
 * @param rule the rule that asked for approval; for a grant, {@code grant}
 * @param reason why approval is needed: the rule's reason, or the grant requester's stated reason
 * @param requestHash the hex SHA-256 the approval is bound to (of the canonical call, or of the grant request)
 * @param createdAt when it was opened
 * @param expiresAt while pending: when it expires undecided; once approved: when it can no longer be redeemed (a
 *        call) or ends (a grant)
 * @param reviews the approvals given so far, one per reviewer subject
 * @param requiredApprovals how many distinct reviewers must approve
 * @param approverGroups the groups a reviewer must be in (any of them)
 * @param grantDuration for a grant, how long it lasts once approved
 * @param resolvedAt when it was approved, denied, expired, used or revoked
 * @param resolution who denied or revoked it and why; empty otherwise
 * @param reviewUrl where a reviewer sees and decides it
 * @since 1.1
 */
public record ApprovalView(String id, Kind kind, Status status, String requesterSubject, List<String> requesterChain,
                           List<String> actions, List<String> resources, String region, String rule, String reason,
                           String requestHash, Instant createdAt, Instant expiresAt, List<Review> reviews,
                           int requiredApprovals, Set<String> approverGroups, Optional<Duration> grantDuration,
                           Optional<Instant> resolvedAt, String resolution, String reviewUrl) {

    /** What is being approved. */
    public enum Kind {
        /** One held AWS call, bound to its request hash; used once. */
        CALL,
        /** A just-in-time grant: a time-boxed allow rule for the requester's subject. */
        GRANT
    }

    /** The state of an approval. */
    public enum Status {
        /** Waiting for reviewers. */
        PENDING,
        /** Approved: a call not yet executed, or a grant in force. */
        APPROVED,
        /** A reviewer denied it. */
        DENIED,
        /** Nobody decided in time, or an approved call was not retried in time, or a grant ended. */
        EXPIRED,
        /** An approved call was executed (redeemed); it cannot be used again. */
        USED,
        /** A grant was revoked before it ended. */
        REVOKED;

        /** @return whether nothing can change the approval any more */
        public boolean isFinal() {
            return this != PENDING && this != APPROVED;
        }
    }

    /**
     * One reviewer's approval.
     *
     * @param reviewer the reviewer's subject
     * @param reviewerChain the delegation chain of the reviewer's session; empty when the reviewer signed in directly
     * @param at when it was given
     */
    public record Review(String reviewer, List<String> reviewerChain, Instant at) {
        /** Copies the list and validates that nothing is null. */
        public Review {
            Objects.requireNonNull(reviewer, "reviewer");
            reviewerChain = List.copyOf(reviewerChain);
            Objects.requireNonNull(at, "at");
        }
    }

    /** Copies the collections and validates that no component is null. */
    public ApprovalView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(requesterSubject, "requesterSubject");
        requesterChain = List.copyOf(requesterChain);
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestHash, "requestHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        reviews = List.copyOf(reviews);
        approverGroups = Set.copyOf(approverGroups);
        Objects.requireNonNull(grantDuration, "grantDuration");
        Objects.requireNonNull(resolvedAt, "resolvedAt");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(reviewUrl, "reviewUrl");
    }
}
