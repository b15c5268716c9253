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
 * @since 1.0
 */
public record Identity(String subject, Set<String> groups, List<String> delegationChain, String sessionId,
                       String accessKeyId, String purpose, Instant expiresAt) {

    /** Copies the collections and validates that no component is null. */
    public Identity {
        Objects.requireNonNull(subject, "subject");
        groups = Set.copyOf(groups);
        delegationChain = List.copyOf(delegationChain);
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(expiresAt, "expiresAt");
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
