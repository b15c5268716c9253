/**
 * The policy extension points: {@link io.gatehouse.api.policy.PolicySource} supplies rules (files, the console,
 * just-in-time grants, external systems) and {@link io.gatehouse.api.policy.PolicyEngine} decides a decoded call
 * against all of them. The data plane refuses every call while no engine is active.
 *
 * @since 1.0
 */
@Export
@Version("1.0.0")
package io.gatehouse.api.policy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
