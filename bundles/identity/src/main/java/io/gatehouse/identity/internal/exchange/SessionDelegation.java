package io.gatehouse.identity.internal.exchange;

import io.gatehouse.api.identity.AuthenticationException;
import io.gatehouse.identity.internal.session.GatewaySessions;
import io.gatehouse.identity.internal.session.ScopePatterns;
import io.gatehouse.identity.internal.session.SessionClaims;
import io.gatehouse.identity.internal.session.SessionScope;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Delegation: a session holder (proving possession of its secret) asks for a child session for a named delegate.
 * The child keeps the parent's subject and groups, appends the delegate to the chain (RFC 8693 {@code act}), and its
 * scope and lifetime must each lie within the parent's; the chain is bounded by the configured depth.
 */
final class SessionDelegation {

    private static final Pattern ACTOR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:/-]{0,127}");

    private final GatewaySessions sessions;
    private final CredentialExchange.Bounds bounds;
    private final Clock clock;

    SessionDelegation(GatewaySessions sessions, CredentialExchange.Bounds bounds, Clock clock) {
        this.sessions = sessions;
        this.bounds = bounds;
        this.clock = clock;
    }

    SessionClaims child(TokenExchangeRequest request, String childId) throws OAuthError {
        SessionClaims parent = parent(request);
        String actor = request.actor().filter(a -> ACTOR.matcher(a).matches()).orElseThrow(() ->
                OAuthError.invalidRequest("Delegation needs actor: the delegate's name (1-128 of A-Z a-z 0-9 . _ @ "
                        + ": / -)."));
        if (parent.delegationChain().size() >= bounds.maxDelegationDepth()) {
            throw new OAuthError(400, "invalid_request", "The delegation chain already has "
                    + parent.delegationChain().size() + " delegates; this gateway allows at most "
                    + bounds.maxDelegationDepth() + ".");
        }
        SessionScope scope = request.scope().orElse(parent.scope());
        if (!ScopePatterns.within(scope, parent.scope())) {
            throw new OAuthError(400, "invalid_scope", "The requested scope is wider than the parent session's "
                    + "(actions " + parent.scope().actions() + ", resources " + parent.scope().resources()
                    + "): a child may only narrow it.");
        }
        Instant now = clock.instant();
        long remaining = parent.expiresAt().getEpochSecond() - now.getEpochSecond();
        long lifetime = request.requestedLifetimeSeconds().orElse(Math.min(bounds.defaultLifetimeSeconds(),
                remaining));
        Instant expires = Instant.ofEpochSecond(now.getEpochSecond() + lifetime);
        if (lifetime < 1 || expires.isAfter(parent.expiresAt())) {
            throw OAuthError.invalidRequest("requested_lifetime " + lifetime + " s outlives the parent session, "
                    + "which ends in " + remaining + " s.");
        }
        List<String> chain = new ArrayList<>(parent.delegationChain());
        chain.add(actor);
        List<String> ancestors = new ArrayList<>(parent.ancestors());
        ancestors.add(parent.sessionId());
        return new SessionClaims(childId, parent.subject(), parent.groups(), chain, scope,
                request.purpose().isEmpty() ? parent.purpose() : request.purpose(), Instant.ofEpochSecond(
                        now.getEpochSecond()), expires, ancestors);
    }

    private SessionClaims parent(TokenExchangeRequest request) throws OAuthError {
        SessionClaims parent;
        try {
            parent = sessions.verify(request.subjectToken());
        } catch (AuthenticationException e) {
            throw new OAuthError(401, "invalid_request", "The parent session is refused: " + e.getMessage());
        }
        String proof = request.proof().orElseThrow(() -> OAuthError.invalidRequest("Delegation needs "
                + "subject_token_proof: base64url(HMAC-SHA256(parent secret access key, subject_token))."));
        if (!sessions.provesPossession(parent, request.subjectToken(), proof)) {
            throw new OAuthError(401, "invalid_request", "subject_token_proof was not made with the parent "
                    + "session's secret access key.");
        }
        return parent;
    }
}
