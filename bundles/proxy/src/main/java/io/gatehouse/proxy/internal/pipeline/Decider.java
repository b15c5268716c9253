package io.gatehouse.proxy.internal.pipeline;

import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Decision;
import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.policy.PolicyDecision;
import io.gatehouse.api.policy.PolicyEngine;
import io.gatehouse.proxy.internal.error.ErrorCode;
import io.gatehouse.proxy.internal.error.GatewayException;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decide stage: asks the active {@link PolicyEngine} and fails closed. No engine, an engine that throws or
 * returns nothing, and a deny each refuse the call; allow and approve are returned for the next stages.
 */
public final class Decider {

    private static final Logger LOG = LoggerFactory.getLogger(Decider.class);

    private final Supplier<Optional<PolicyEngine>> engine;

    /** @param engine the engine to ask, looked up for every call so that a replaced policy bundle takes over */
    public Decider(Supplier<Optional<PolicyEngine>> engine) {
        this.engine = engine;
    }

    /**
     * @param identity who calls
     * @param operation what the call does
     * @return an allow or approve decision
     * @throws GatewayException when the call is denied or cannot be decided
     */
    public PolicyDecision decide(Identity identity, AwsOperation operation) {
        PolicyEngine active = engine.get().orElseThrow(() -> new GatewayException(ErrorCode.POLICY_UNAVAILABLE,
                "No policy engine is active, so Gatehouse refuses every call. Start the io.gatehouse.policy bundle "
                        + "(it reads etc/policy/*.yaml)."));
        PolicyDecision result;
        try {
            result = active.decide(identity, operation);
        } catch (RuntimeException e) {
            LOG.error("The policy engine failed on {}; the call is denied", operation.iamAction(), e);
            throw new GatewayException(ErrorCode.ACCESS_DENIED, "Gatehouse denied " + operation.iamAction()
                    + ": the policy could not be evaluated, and a call that cannot be decided is denied.");
        }
        if (result == null) {
            throw new GatewayException(ErrorCode.ACCESS_DENIED, "Gatehouse denied " + operation.iamAction()
                    + ": the policy engine gave no decision, and a call that cannot be decided is denied.");
        }
        Decision decision = result.decision();
        if (decision.outcome() == Decision.Outcome.DENY) {
            throw new GatewayException(ErrorCode.ACCESS_DENIED, "Gatehouse denied " + operation.iamAction()
                    + " on " + operation.resources() + ": " + decision.reason() + " (rule " + decision.rule()
                    + ", policy " + decision.policyVersion() + ")");
        }
        return result;
    }
}
