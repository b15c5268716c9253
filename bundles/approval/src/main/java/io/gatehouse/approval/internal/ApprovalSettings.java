package io.gatehouse.approval.internal;

import java.time.Duration;
import java.util.Set;

/**
 * The limits and defaults of the approval book.
 *
 * @param reviewBaseUrl the control plane's base URL, e.g. {@code http://127.0.0.1:7701}; review URLs are
 *        {@code BASE/api/v1/approvals/ID}
 * @param maxPendingPerCaller most pending approvals one subject may have open at once
 * @param maxPendingTotal most pending approvals altogether
 * @param retainResolved how long decided approvals stay listed (and in the journal)
 * @param delegatedReviewers whether a reviewer may decide with a delegated session (an agent of the reviewer)
 * @param grantApproverGroups who may approve grants; empty: grants are refused
 * @param grantApprovals how many distinct reviewers a grant needs
 * @param grantMaxDuration the longest grant
 * @param grantValidity how long a grant request waits for reviewers
 */
public record ApprovalSettings(String reviewBaseUrl, int maxPendingPerCaller, int maxPendingTotal,
                               Duration retainResolved, boolean delegatedReviewers, Set<String> grantApproverGroups,
                               int grantApprovals, Duration grantMaxDuration, Duration grantValidity) {


    /** Normalises the base URL and copies the set. */
    public ApprovalSettings {
        reviewBaseUrl = reviewBaseUrl.replaceAll("/+$", "");
        grantApproverGroups = Set.copyOf(grantApproverGroups);
        if (maxPendingPerCaller < 1 || maxPendingTotal < 1 || grantApprovals < 1) {
            throw new IllegalArgumentException("limits and approval counts must be at least 1");
        }
    }

    /**
     * @param id an approval id
     * @return where a reviewer sees and decides it
     */
    public String reviewUrl(String id) {
        return reviewBaseUrl + "/api/v1/approvals/" + id;
    }
}
