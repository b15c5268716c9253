package io.gatehouse.api.approval;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Tells reviewers about approvals: a chat webhook, e-mail, a ticket system. Register implementations as OSGi services
 * (whiteboard); the approval gate calls every registered channel. The control API ({@code /api/v1/approvals}) is the
 * built-in channel and always works, so a channel is a convenience, never the only way to decide.
 *
 * <p>The gate calls channels on its own threads, never on the request path, and never waits for them: a channel
 * that throws is retried a few times with back-off (and the failure logged); one that hangs holds only its own
 * delivery. Neither loses, delays or changes the approval. Calls for one approval may overlap or repeat, so a channel
 * should tolerate a repeated notice.
 *
 * @since 1.1
 */
@ConsumerType
public interface ApprovalChannel {

    /** Service property: a short name of the channel shown in logs and the console (a String). */
    String NAME = "gatehouse.approval.channel.name";

    /**
     * A new approval waits for reviewers.
     *
     * @param approval the approval, {@link ApprovalView.Status#PENDING}
     * @throws Exception when the notice could not be delivered; it is retried
     */
    void announce(ApprovalView approval) throws Exception;

    /**
     * An approval was decided: approved, denied, expired undecided, or (a grant) revoked.
     *
     * @param approval the approval in its new state
     * @throws Exception when the notice could not be delivered; it is retried
     */
    void resolved(ApprovalView approval) throws Exception;
}
