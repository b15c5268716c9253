/**
 * Approvals: the {@link io.gatehouse.api.approval.ApprovalGate} that holds a call a rule says needs approving, and
 * the channels that tell reviewers about it.
 *
 * @since 1.0
 */
@Export
@Version("1.0.0")
package io.gatehouse.api.approval;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
