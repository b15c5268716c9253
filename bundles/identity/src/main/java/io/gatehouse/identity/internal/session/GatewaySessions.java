package io.gatehouse.identity.internal.session;

import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.exchange.Scope;
import io.gatehouse.api.identity.AuthenticationException;
import io.gatehouse.api.identity.CredentialResolver;
import io.gatehouse.api.identity.ResolvedCredential;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Issues gateway session credentials and resolves them on the request path. The access key id and secret are
 * derived from the gateway key and the session id, and the session token is a JWS under a key derived from the
 * same gateway key: any node with the key verifies a session from the request alone, without a session table and
 * without contacting an identity provider.
 */
public final class GatewaySessions implements CredentialResolver {

    /** Credentials for one session, as handed to the client. */
    public record IssuedCredentials(String accessKeyId, String secretAccessKey, String sessionToken,
                                    Instant expiration, SessionClaims claims) {
        @Override
        public String toString() {
            return "IssuedCredentials[accessKeyId=" + accessKeyId + ", expiration=" + expiration + "]";
        }
    }

    private final GatewayKey key;
    private final SessionTokens tokens;
    private final Clock clock;
    private final RevocationList revocations;

    /**
     * @param key the gateway key
     * @param clock the clock that judges expiry
     */
    public GatewaySessions(GatewayKey key, Clock clock) {
        this(key, clock, new RevocationList(clock));
    }

    /**
     * @param key the gateway key
     * @param clock the clock that judges expiry
     * @param revocations the revoked sessions
     */
    public GatewaySessions(GatewayKey key, Clock clock, RevocationList revocations) {
        this.key = key;
        this.tokens = new SessionTokens(key);
        this.clock = clock;
        this.revocations = revocations;
    }

    /** @return the revoked sessions */
    public RevocationList revocations() {
        return revocations;
    }

    /**
     * @param claims the session; its times are truncated to whole seconds
     * @return the credentials of the session
     */
    public IssuedCredentials issue(SessionClaims claims) {
        SessionClaims whole = new SessionClaims(claims.sessionId(), claims.subject(), claims.groups(),
                claims.delegationChain(), claims.scope(), claims.purpose(), SessionTokens.seconds(claims.issuedAt()),
                SessionTokens.seconds(claims.expiresAt()), claims.ancestors());
        return new IssuedCredentials(key.accessKeyIdOf(whole.sessionId()), key.secretOf(whole.sessionId()),
                tokens.write(whole), whole.expiresAt(), whole);
    }

    /**
     * Reads a session token presented to the control plane (delegation), with the same checks as the data plane.
     *
     * @param token the session token
     * @return its claims
     * @throws AuthenticationException when it is invalid or expired
     */
    public SessionClaims verify(String token) throws AuthenticationException {
        SessionClaims claims;
        try {
            claims = tokens.read(token);
        } catch (InvalidSessionTokenException e) {
            throw new AuthenticationException(AuthenticationException.INVALID_TOKEN,
                    "The security token included in the request is invalid: " + e.getMessage() + ".");
        }
        if (!clock.instant().isBefore(claims.expiresAt())) {
            throw new AuthenticationException(AuthenticationException.EXPIRED_TOKEN,
                    "The security token included in the request is expired (session " + claims.sessionId()
                            + " ended " + claims.expiresAt() + "). Obtain new credentials.");
        }
        java.util.List<String> lineage = new java.util.ArrayList<>(claims.ancestors());
        lineage.add(claims.sessionId());
        java.util.Optional<String> revoked = revocations.revokedAmong(lineage);
        if (revoked.isPresent()) {
            throw new AuthenticationException(AuthenticationException.UNRECOGNIZED_CLIENT, "The security token "
                    + "included in the request is revoked (session " + revoked.get() + (revoked.get().equals(
                            claims.sessionId()) ? "" : ", an ancestor of session " + claims.sessionId())
                    + ", was revoked). Obtain new credentials.");
        }
        return claims;
    }

    /**
     * Checks the proof a delegating parent sends with its session token: base64url (no padding) of
     * HMAC-SHA256(the session's secret access key, the session token). The token alone travels in every request's
     * {@code X-Amz-Security-Token} header, so it must not be enough to mint children.
     *
     * @param claims the parent session, verified
     * @param token the parent's session token
     * @param proof the proof sent
     * @return whether the proof was made with the session's secret
     */
    public boolean provesPossession(SessionClaims claims, String token, String proof) {
        byte[] expected = java.util.Base64.getUrlEncoder().withoutPadding().encode(GatewayKey.hmac(
                key.secretOf(claims.sessionId()).getBytes(StandardCharsets.UTF_8), token));
        return MessageDigest.isEqual(expected, proof.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Authenticates a control-plane caller: the session token must verify ({@link #verify(String)}: signature,
     * expiry, revocation of the session and its ancestors) and the proof must be made with the session's secret.
     *
     * @param token the session token
     * @param proof base64url (no padding) of HMAC-SHA256(secret access key, token)
     * @return the caller's identity, as the data plane would see it
     * @throws AuthenticationException when the token or the proof is refused
     */
    public Identity authenticate(String token, String proof) throws AuthenticationException {
        if (token == null || token.isBlank() || proof == null || proof.isBlank()) {
            throw new AuthenticationException(AuthenticationException.INVALID_TOKEN, "Authenticate with "
                    + "Authorization: Bearer <session token> and X-Gatehouse-Proof: base64url(HMAC-SHA256(secret "
                    + "access key, session token)).");
        }
        SessionClaims claims = verify(token.strip());
        if (!provesPossession(claims, token.strip(), proof.strip())) {
            throw new AuthenticationException(AuthenticationException.INVALID_TOKEN, "X-Gatehouse-Proof was not "
                    + "made with the session's secret access key.");
        }
        return new Identity(claims.subject(), claims.groups(), claims.delegationChain(), claims.sessionId(),
                key.accessKeyIdOf(claims.sessionId()), claims.purpose(), claims.expiresAt(),
                new Scope(claims.scope().actions(), claims.scope().resources()));
    }

    @Override
    public Optional<ResolvedCredential> resolve(String accessKeyId, Optional<String> sessionToken)
            throws AuthenticationException {
        if (!accessKeyId.startsWith("GHS")) {
            return Optional.empty();
        }
        String token = sessionToken.orElseThrow(() -> new AuthenticationException(
                AuthenticationException.INVALID_TOKEN, "Access key " + accessKeyId + " is a Gatehouse session key "
                        + "and needs its session token in the X-Amz-Security-Token header."));
        SessionClaims claims = verify(token);
        String expected = key.accessKeyIdOf(claims.sessionId());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                accessKeyId.getBytes(StandardCharsets.US_ASCII))) {
            throw new AuthenticationException(AuthenticationException.INVALID_TOKEN, "The security token included "
                    + "in the request does not belong to access key " + accessKeyId + ".");
        }
        Identity identity = new Identity(claims.subject(), claims.groups(), claims.delegationChain(),
                claims.sessionId(), accessKeyId, claims.purpose(), claims.expiresAt(),
                new Scope(claims.scope().actions(), claims.scope().resources()));
        return Optional.of(new ResolvedCredential(identity, key.secretOf(claims.sessionId())));
    }
}
