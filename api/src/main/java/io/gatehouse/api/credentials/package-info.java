/**
 * The {@link io.gatehouse.api.credentials.CredentialBroker} extension point: where the upstream AWS credentials that
 * Gatehouse signs an allowed call with come from.
 *
 * @since 1.0
 */
@Export
@Version("1.0.0")
package io.gatehouse.api.credentials;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
