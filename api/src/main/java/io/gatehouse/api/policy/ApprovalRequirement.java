package io.gatehouse.api.policy;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Who must approve a call before it proceeds: {@code approvals} distinct reviewers, each in one of
 * {@code approverGroups}, none of them the requester or anyone in its delegation chain.
 *
 * @param approverGroups the groups reviewers must belong to; at least one
 * @param approvals how many distinct reviewers must approve; at least 1
 * @param validity how long a pending approval waits for reviewers before it expires
 * @since 1.0
 */
public record ApprovalRequirement(Set<String> approverGroups, int approvals, Duration validity) {

    /** Copies the set and validates the components. */
    public ApprovalRequirement {
        approverGroups = Set.copyOf(approverGroups);
        Objects.requireNonNull(validity, "validity");
        if (approverGroups.isEmpty() || approvals < 1 || validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("an approval needs approver groups, at least one approval and a "
                    + "positive validity");
        }
    }
}
