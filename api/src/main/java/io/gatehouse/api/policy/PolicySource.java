package io.gatehouse.api.policy;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Supplies policy rules. Register an implementation as an OSGi service; the policy engine evaluates the rules of
 * every registered source together, so that a deny from any source beats an allow from any other.
 *
 * <p>{@link #rules()} is called on the request path: it must return a snapshot the source already holds (never read
 * a file or the network there) and be thread safe. A source whose rules cannot be loaded keeps returning its last
 * good snapshot and says why in the log; a source that never loaded returns an empty rule set.
 *
 * @since 1.0
 */
@ConsumerType
public interface PolicySource {

    /** Service property: a short name of the source shown in decisions, logs and the console (a String). */
    String NAME = "gatehouse.policy.source.name";

    /** @return the current rules, an immutable snapshot */
    RuleSet rules();
}
