package io.gatehouse.api.policy;

import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Identity;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides a decoded call against the rules of every {@link PolicySource}. The data plane uses the engine with the
 * highest {@code service.ranking}; while none is registered, every call is refused. An engine must fail closed: an
 * error while evaluating is a deny, never an allow.
 *
 * @since 1.0
 */
@ConsumerType
public interface PolicyEngine {

    /** Service property: a short name of the engine shown in logs and the console (a String). */
    String NAME = "gatehouse.policy.engine.name";

    /**
     * Decides one call. Runs on the request path: answer from memory, never block.
     *
     * @param identity who calls
     * @param operation what the call does; a call naming several resources is decided on each of them and denied
     *        whole when any of them is denied
     * @return the decision, with the approval requirement when the outcome is approve
     */
    PolicyDecision decide(Identity identity, AwsOperation operation);
}
