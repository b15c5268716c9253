/**
 * Approvals: the {@link io.gatehouse.api.approval.ApprovalGate} that holds a call a rule says needs approving, and
 * (since 1.1) the {@link io.gatehouse.api.approval.ApprovalChannel channels} that tell reviewers about an
 * {@link io.gatehouse.api.approval.ApprovalView approval}.
 *
 * @since 1.0
 */
@Export
@Version("1.1.0")
package io.gatehouse.api.approval;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
