/**
 * Strict decoding of application/x-www-form-urlencoded AWS query-protocol requests. Shared by the adapter bundles of {@code plugins-aws}; vendors writing adapters may use it too.
 *
 * @since 1.0
 */
@Export
@Version("1.0.0")
package io.gatehouse.plugins.aws.support.form;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
