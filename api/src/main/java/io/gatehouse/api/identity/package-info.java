/**
 * The {@link io.gatehouse.api.identity.CredentialResolver} extension point: how the data plane learns the identity
 * and signing secret behind an access key id it does not know itself, e.g. a gateway-issued session credential.
 * Since 1.1 also {@link io.gatehouse.api.identity.SessionVerifier}, which authenticates control-plane callers by their
 * gateway session.
 *
 * @since 1.0
 */
@Export
@Version("1.1.0")
package io.gatehouse.api.identity;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
