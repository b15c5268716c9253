package io.gatehouse.api.identity;

import io.gatehouse.api.exchange.Identity;
import java.util.Objects;

/**
 * What a {@link CredentialResolver} found for an access key id: who calls, and the secret the request's SigV4
 * signature must verify with. {@link #toString()} never prints the secret.
 *
 * @param identity the caller, attached to the exchange once the signature verifies; its
 *        {@link Identity#accessKeyId()} is the resolved access key id
 * @param signingSecret the secret access key the client signs with; not blank
 * @since 1.0
 */
public record ResolvedCredential(Identity identity, String signingSecret) {

    /** Validates that no component is null and the secret is not blank. */
    public ResolvedCredential {
        Objects.requireNonNull(identity, "identity");
        if (Objects.requireNonNull(signingSecret, "signingSecret").isBlank()) {
            throw new IllegalArgumentException("signingSecret is blank");
        }
    }

    /** Prints the identity, never the secret. */
    @Override
    public String toString() {
        return "ResolvedCredential[identity=" + identity + ", signingSecret=****]";
    }
}
