package io.gatehouse.approval.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/io.gatehouse.approval.cfg}: limits of the approval gate, the review link, and just-in-time grants. */
@ObjectClassDefinition(id = ApprovalConfig.PID, name = "Gatehouse approvals",
        description = "Approvals of held calls and just-in-time grants")
public @interface ApprovalConfig {

    /** The configuration PID. */
    String PID = "io.gatehouse.approval";

    @AttributeDefinition(name = "Control plane base URL", description = "Review links are BASE/api/v1/approvals/ID")
    String control_base_url() default "http://127.0.0.1:7701";

    @AttributeDefinition(name = "Pending approvals per caller", description = "More are refused", min = "1")
    int max_pending_per_caller() default 20;

    @AttributeDefinition(name = "Pending approvals in total", description = "More are refused", min = "1")
    int max_pending_total() default 1000;

    @AttributeDefinition(name = "Keep decided approvals (hours)", description = "How long decided approvals stay "
            + "listed and in data/approvals/journal", min = "1")
    int retain_resolved_hours() default 24;

    @AttributeDefinition(name = "Delegated reviewers", description = "Whether a reviewer may approve through a "
            + "delegated session (an agent acting for the reviewer)")
    boolean reviewers_may_be_delegated() default false;

    @AttributeDefinition(name = "Grant approver groups", description = "Groups whose members approve just-in-time "
            + "grants (comma separated); empty turns grants off", required = false)
    String[] grant_approver_groups() default {};

    @AttributeDefinition(name = "Grant approvals", description = "Distinct reviewers a grant needs", min = "1")
    int grant_approvals() default 1;

    @AttributeDefinition(name = "Longest grant (minutes)", description = "Longest duration a grant may ask for",
            min = "1")
    int grant_max_duration_minutes() default 480;

    @AttributeDefinition(name = "Grant request validity (minutes)", description = "How long a grant request waits "
            + "for reviewers", min = "1")
    int grant_validity_minutes() default 60;

    @AttributeDefinition(name = "Channel attempts", description = "How often a notice to an approval channel is "
            + "tried", min = "1", max = "20")
    int notify_attempts() default 4;

    @AttributeDefinition(name = "Channel back-off (ms)", description = "Wait before the second attempt; doubles "
            + "after each", min = "10")
    int notify_backoff_millis() default 1000;
}
