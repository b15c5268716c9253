package io.gatehouse.api.exchange;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as established by authentication. Immutable and safe to share between stages and threads.
 *
 * @param subject the subject at the root of the delegation chain: a person, CI job or agent
 * @param groups the groups of the subject, as resolved from its identity provider
 * @param delegationChain the actors that received delegated credentials, outermost first; empty when the subject
 *        calls directly. The last entry is the current actor.
 * @param sessionId the Gatehouse session the call was made with
 * @param accessKeyId the access key id the client signed with; it is public and names the session
 * @param purpose the declared task or purpose of the session, empty when none was given
 * @param expiresAt when the session ends
 * @param scope the most the session may do; {@link Scope#ALL} unless it was narrowed by delegation (since 1.1)
 * @since 1.0
 */
public record Identity(String subject, Set<String> groups, List<String> delegationChain, String sessionId,
                       String accessKeyId, String purpose, Instant expiresAt, Scope scope) {

    /**
     * An identity whose scope is {@link Scope#ALL}.
     *
     * @param subject the subject at the root of the delegation chain
     * @param groups the groups of the subject
     * @param delegationChain the actors that received delegated credentials, outermost first
     * @param sessionId the Gatehouse session
     * @param accessKeyId the access key id the client signed with
     * @param purpose the declared purpose, empty when none was given
     * @param expiresAt when the session ends
     */
    public Identity(String subject, Set<String> groups, List<String> delegationChain, String sessionId,
                    String accessKeyId, String purpose, Instant expiresAt) {
        this(subject, groups, delegationChain, sessionId, accessKeyId, purpose, expiresAt, Scope.ALL);
    }

    /** Copies the collections and validates that no component is null. */
    public Identity {
        Objects.requireNonNull(subject, "subject");
        groups = Set.copyOf(groups);
        delegationChain = List.copyOf(delegationChain);
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(scope, "scope");
    }

    /** @return the actor making this call: the last delegate, or the subject itself */
    public String currentActor() {
        return delegationChain.isEmpty() ? subject : delegationChain.get(delegationChain.size() - 1);
    }

    /** @return whether the call is made through delegated credentials */
    public boolean isDelegated() {
        return !delegationChain.isEmpty();
    }
}
