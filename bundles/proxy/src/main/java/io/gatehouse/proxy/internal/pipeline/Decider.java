package io.gatehouse.proxy.internal.pipeline;

import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Decision;
import io.gatehouse.api.exchange.Identity;

/** The decide stage: what may happen to a decoded call. */
@FunctionalInterface
public interface Decider {

    /**
     * @param identity who calls
     * @param operation what the call does
     * @return the decision
     */
    Decision decide(Identity identity, AwsOperation operation);

    /**
     * The decider of this release, which has no policy engine yet: every authenticated caller (a configured client
     * key) may perform any decoded action. The decision says so, so that recordings show it.
     *
     * @return a decider that allows authenticated callers
     */
    static Decider authenticatedCallers() {
        return (identity, operation) -> new Decision(Decision.Outcome.ALLOW, "authenticated-caller",
                "No policy is configured in this release: authenticated callers may call any decoded action.",
                "none");
    }
}
