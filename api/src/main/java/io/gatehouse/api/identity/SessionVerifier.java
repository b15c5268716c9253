package io.gatehouse.api.identity;

import io.gatehouse.api.exchange.Identity;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Authenticates a caller of the control plane ({@code /api/v1/...}) by a gateway session it holds: the session token
 * ({@code Authorization: Bearer TOKEN}) and a proof of possession of the session's secret access key
 * ({@value #PROOF_HEADER}: base64url without padding of HMAC-SHA256(secret access key, session token)). The token
 * alone travels in every AWS request's {@code X-Amz-Security-Token} header, so it must not be enough.
 *
 * <p>Implemented by the identity bundle. Thread safe; answers from memory.
 *
 * @since 1.1
 */
@ProviderType
public interface SessionVerifier {

    /** The request header that carries the proof of possession. */
    String PROOF_HEADER = "X-Gatehouse-Proof";

    /**
     * Verifies a session and the caller's proof of possession.
     *
     * @param sessionToken the session token, untrusted input
     * @param proof the proof of possession, untrusted input
     * @return the caller: subject, groups, delegation chain, session, scope and expiry
     * @throws AuthenticationException when the token is invalid, expired or revoked (itself or an ancestor), or the
     *         proof was not made with the session's secret; the message says which, without secrets
     */
    Identity verify(String sessionToken, String proof) throws AuthenticationException;
}
