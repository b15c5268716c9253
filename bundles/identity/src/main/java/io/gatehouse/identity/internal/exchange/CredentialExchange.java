package io.gatehouse.identity.internal.exchange;

import io.gatehouse.identity.internal.session.GatewaySessions;
import io.gatehouse.identity.internal.session.SessionClaims;
import io.gatehouse.identity.internal.session.SessionScope;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The token exchange: a verified subject token becomes a gateway session with a bounded lifetime.
 */
public final class CredentialExchange {

    /** Lifetime and delegation bounds from configuration. */
    public record Bounds(long defaultLifetimeSeconds, long maxLifetimeSeconds, int maxDelegationDepth) {
    }

    /** The subject token type of a Gatehouse session (delegation). */
    public static final String SESSION_TOKEN_TYPE = "urn:gatehouse:token-type:session";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final GatewaySessions sessions;
    private final Bounds bounds;
    private final Clock clock;

    /**
     * @param sessions issues the credentials
     * @param bounds the lifetime bounds
     * @param clock the clock of issuance
     */
    public CredentialExchange(GatewaySessions sessions, Bounds bounds, Clock clock) {
        this.sessions = sessions;
        this.bounds = bounds;
        this.clock = clock;
    }

    /**
     * @param request the exchange request
     * @param verifiers the subject token verifiers, asked in order; the first that handles the token decides
     * @return the issued credentials
     * @throws OAuthError when the token is refused or nothing handles its type, or the lifetime is too long
     */
    public GatewaySessions.IssuedCredentials exchange(TokenExchangeRequest request,
                                                      List<SubjectTokenVerifier> verifiers) throws OAuthError {
        if (SESSION_TOKEN_TYPE.equals(request.subjectTokenType())) {
            return sessions.issue(new SessionDelegation(sessions, bounds, clock).child(request, newSessionId()));
        }
        VerifiedSubject subject = subjectOf(request, verifiers);
        long lifetime = request.requestedLifetimeSeconds().orElse(bounds.defaultLifetimeSeconds());
        if (lifetime > bounds.maxLifetimeSeconds()) {
            throw OAuthError.invalidRequest("requested_lifetime " + lifetime + " s is longer than this gateway "
                    + "issues (" + bounds.maxLifetimeSeconds() + " s); ask for less.");
        }
        Instant now = clock.instant();
        SessionClaims claims = new SessionClaims(newSessionId(), subject.subject(), subject.groups(), List.of(),
                request.scope().orElse(SessionScope.ALL), request.purpose(), now, now.plusSeconds(lifetime),
                List.of());
        return sessions.issue(claims);
    }

    private static VerifiedSubject subjectOf(TokenExchangeRequest request, List<SubjectTokenVerifier> verifiers)
            throws OAuthError {
        for (SubjectTokenVerifier verifier : verifiers) {
            Optional<VerifiedSubject> subject = verifier.verify(request.subjectTokenType(), request.subjectToken(),
                    request);
            if (subject.isPresent()) {
                return subject.get();
            }
        }
        throw new OAuthError(400, "invalid_request", "No trusted issuer accepts subject_token_type "
                + shorten(request.subjectTokenType()) + " with this token's issuer. Configure the issuer in "
                + "etc/io.gatehouse.identity.issuer-NAME.cfg, or check the token type.");
    }

    static String newSessionId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return "gs-" + HexFormat.of().formatHex(id);
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
