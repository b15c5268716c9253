/**
 * Strict JSON for AWS JSON protocols: one object, strict UTF-8, no duplicate member names, bounded depth; typed member access whose errors name the member. Shared by the adapter bundles of {@code plugins-aws}; vendors writing adapters may use it too.
 *
 * @since 1.0
 */
@Export
@Version("1.0.0")
package io.gatehouse.plugins.aws.support.json;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
