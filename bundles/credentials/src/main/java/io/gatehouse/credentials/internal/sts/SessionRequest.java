package io.gatehouse.credentials.internal.sts;

import io.gatehouse.api.credentials.CredentialException;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Decision;
import io.gatehouse.api.exchange.Identity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One AssumeRole as Gatehouse makes it for an allowed call, and the key its credentials are cached under: two calls
 * share credentials only when role, session policy, source identity, tags and duration are all equal.
 *
 * @param roleArn the role to assume
 * @param policy the inline session policy document
 * @param sourceIdentity the subject at the root of the delegation chain, in STS's characters
 * @param roleSessionName the session name, traceable to the Gatehouse session
 * @param tags the session tags, in order
 * @param transitiveTagKeys the tag keys that stay on roles the session chains to
 * @param duration the requested lifetime
 */
record SessionRequest(String roleArn, String policy, String sourceIdentity, String roleSessionName,
                      List<SessionTag> tags, List<String> transitiveTagKeys, Duration duration) {

    /** Most session tags STS accepts. */
    static final int MAX_TAGS = 50;
    /** Tag key prefix of every Gatehouse tag. */
    static final String TAG_PREFIX = "gatehouse:";
    /** Tags other than the per-actor chain tags. */
    private static final int FIXED_TAGS = 5;

    /**
     * A session tag.
     *
     * @param key the key, at most 128 characters
     * @param value the value, at most 256 characters
     */
    record SessionTag(String key, String value) {
    }

    /** Copies the lists. */
    SessionRequest {
        tags = List.copyOf(tags);
        transitiveTagKeys = List.copyOf(transitiveTagKeys);
    }

    /**
     * Builds the AssumeRole of one allowed call. Tags: {@code gatehouse:subject}, {@code gatehouse:actor} (the
     * current actor), {@code gatehouse:depth} (delegation depth), {@code gatehouse:session},
     * {@code gatehouse:rule} and one {@code gatehouse:chain:N} per delegate, outermost first (N from 1).
     *
     * @param roleArn the role to assume
     * @param policy the session policy of the call
     * @param identity who calls
     * @param decision the decision that allowed the call
     * @param duration the requested lifetime
     * @param transitive whether subject, depth and chain tags are transitive
     * @return the request
     * @throws CredentialException when the subject, an actor or the chain cannot be expressed within STS limits
     */
    static SessionRequest of(String roleArn, SessionPolicy policy, Identity identity, Decision decision,
                             Duration duration, boolean transitive) {
        List<String> chain = identity.delegationChain();
        if (FIXED_TAGS + chain.size() > MAX_TAGS) {
            throw new CredentialException("the delegation chain of session " + identity.sessionId() + " is "
                    + chain.size() + " deep; STS session tags can carry at most " + (MAX_TAGS - FIXED_TAGS), null);
        }
        List<SessionTag> tags = new ArrayList<>();
        List<String> transitiveKeys = new ArrayList<>();
        tags.add(new SessionTag(TAG_PREFIX + "subject", StsNames.tagValue("subject", identity.subject())));
        tags.add(new SessionTag(TAG_PREFIX + "actor", StsNames.tagValue("current actor", identity.currentActor())));
        tags.add(new SessionTag(TAG_PREFIX + "depth", Integer.toString(chain.size())));
        tags.add(new SessionTag(TAG_PREFIX + "session", StsNames.tagValue("session id", identity.sessionId())));
        tags.add(new SessionTag(TAG_PREFIX + "rule", StsNames.tagValue("rule id", decision.rule())));
        for (int i = 0; i < chain.size(); i++) {
            tags.add(new SessionTag(TAG_PREFIX + "chain:" + (i + 1),
                    StsNames.tagValue("delegate " + (i + 1), chain.get(i))));
        }
        if (transitive) {
            tags.stream().map(SessionTag::key)
                    .filter(key -> key.equals(TAG_PREFIX + "subject") || key.equals(TAG_PREFIX + "depth")
                            || key.startsWith(TAG_PREFIX + "chain:"))
                    .forEach(transitiveKeys::add);
        }
        return new SessionRequest(roleArn, policy.json(), StsNames.sourceIdentity(identity.subject()),
                StsNames.roleSessionName(identity.sessionId()), tags, transitiveKeys, duration);
    }

    /** @return the role and session name only: the policy and tags can be long */
    @Override
    public String toString() {
        return "SessionRequest[role=" + roleArn + ", session=" + roleSessionName + ", sourceIdentity="
                + sourceIdentity + "]";
    }
}
