package io.gatehouse.proxy.internal;

import io.gatehouse.api.exchange.Decision;
import io.gatehouse.api.policy.PolicyDecision;
import io.gatehouse.proxy.internal.registry.PolicyRegistry;
import java.util.Map;
import java.util.Optional;

/** A policy registry whose one engine allows everything, for data plane tests that are not about policy. */
final class AllowAllPolicy {

    private AllowAllPolicy() {
    }

    static PolicyRegistry registry() {
        PolicyRegistry registry = new PolicyRegistry();
        registry.bindEngine((identity, operation) -> new PolicyDecision(new Decision(Decision.Outcome.ALLOW,
                "test-allow-all", "tests of the data plane allow everything", "test"), Optional.empty()),
                Map.of("service.id", 1000L));
        return registry;
    }
}
