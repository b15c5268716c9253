package io.gatehouse.identity.internal.session;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Revoked session ids, each kept until the longest-lived session that could name it (itself or a descendant) has
 * ended. A session is refused when it or any of its ancestors is on the list, so revoking a session revokes its
 * whole subtree at once. In memory on this node: several nodes need a shared store (not yet available).
 */
public final class RevocationList {

    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final Clock clock;

    /** @param clock judges when entries can be forgotten */
    public RevocationList(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param sessionId the session to revoke, with all its descendants
     * @param keepUntil when no session naming it can still be valid
     */
    public void revoke(String sessionId, Instant keepUntil) {
        revoked.merge(sessionId, keepUntil, (a, b) -> a.isAfter(b) ? a : b);
        Instant now = clock.instant();
        revoked.values().removeIf(until -> until.isBefore(now));
    }

    /**
     * @param sessionIds a session and its ancestors
     * @return the first of them that is revoked, if any
     */
    public java.util.Optional<String> revokedAmong(Collection<String> sessionIds) {
        return sessionIds.stream().filter(revoked::containsKey).findFirst();
    }
}
