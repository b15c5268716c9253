package io.gatehouse.api.approval;

import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Decision;
import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.policy.ApprovalRequirement;
import java.util.Objects;

/**
 * A call that a rule says needs approving.
 *
 * @param requester who calls; neither it nor anyone in its delegation chain may approve
 * @param operation what the call does, as decoded
 * @param decision the approve decision, naming the rule
 * @param requirement who must approve, and how many
 * @param requestHash lower-case hex SHA-256 of the canonical call (method, service, region, path, query, body and
 *        every signed header that carries meaning, i.e. all but the signature's own date and credentials), computed
 *        by the data plane from the same parse it forwards
 * @since 1.0
 */
public record HeldCall(Identity requester, AwsOperation operation, Decision decision, ApprovalRequirement requirement,
                       String requestHash) {

    /** Validates the components. */
    public HeldCall {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(requestHash, "requestHash");
        if (!requestHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("requestHash must be 64 lower-case hex digits");
        }
    }
}
