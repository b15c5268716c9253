package io.gatehouse.identity.internal.session;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a session token says about its session.
 *
 * @param sessionId the session id (the token's {@code jti})
 * @param subject who signed in: the root of the delegation chain
 * @param groups the subject's groups, as resolved at sign-in
 * @param delegationChain the actors that received delegated credentials, outermost first; empty for a sign-in
 * @param scope what the session may be used for
 * @param purpose the declared purpose, empty when none
 * @param issuedAt when the session was issued
 * @param expiresAt when it ends
 * @param ancestors the ids of the sessions it was delegated from, root first; empty for a sign-in
 */
public record SessionClaims(String sessionId, String subject, Set<String> groups, List<String> delegationChain,
                            SessionScope scope, String purpose, Instant issuedAt, Instant expiresAt,
                            List<String> ancestors) {

    /** Copies the collections and checks that nothing is null. */
    public SessionClaims {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(subject, "subject");
        groups = Set.copyOf(groups);
        delegationChain = List.copyOf(delegationChain);
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        ancestors = List.copyOf(ancestors);
    }
}
