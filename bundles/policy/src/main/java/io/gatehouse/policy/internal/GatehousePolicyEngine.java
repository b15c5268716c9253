package io.gatehouse.policy.internal;

import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Decision;
import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.policy.PolicyDecision;
import io.gatehouse.api.policy.PolicyEngine;
import io.gatehouse.api.policy.PolicySource;
import io.gatehouse.api.policy.RuleSet;
import io.gatehouse.policy.evaluation.PolicyEvaluator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The policy engine: decides each call against the rules of every registered {@link PolicySource} together (see
 * {@link PolicyEvaluator} for the semantics). Holds an immutable snapshot of the sources; the rules are compiled once
 * per combination of rule-set snapshots and reused until a source's snapshot changes. Fails closed: no source, a
 * source that throws, or any error while evaluating is a deny.
 */
@Component(service = PolicyEngine.class, property = PolicyEngine.NAME + "=" + GatehousePolicyEngine.NAME)
public final class GatehousePolicyEngine implements PolicyEngine {

    /** The engine's name (service property {@link PolicyEngine#NAME}). */
    public static final String NAME = "gatehouse";
    /** The rule reported when no source is registered. */
    public static final String NO_SOURCE = "no-policy-source";

    private final Clock clock;
    private volatile List<PolicySource> sources = List.of();
    private volatile Compiled compiled;

    /** The evaluator for one combination of snapshots, or why they could not be compiled (kept, not retried). */
    private record Compiled(List<RuleSet> ruleSets, PolicyEvaluator evaluator, RuntimeException error) {
    }

    /** For DS: rule windows are checked against the system clock. */
    public GatehousePolicyEngine() {
        this(Clock.systemUTC());
    }

    /** @param clock the clock rule windows are checked against */
    public GatehousePolicyEngine(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @param source a source that appeared */
    @Reference(service = PolicySource.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeSource")
    public synchronized void addSource(PolicySource source) {
        List<PolicySource> next = new ArrayList<>(sources);
        next.add(source);
        sources = List.copyOf(next);
    }

    /** @param source a source that went away */
    public synchronized void removeSource(PolicySource source) {
        List<PolicySource> next = new ArrayList<>(sources);
        next.removeIf(s -> s == source);
        sources = List.copyOf(next);
    }

    @Override
    public PolicyDecision decide(Identity identity, AwsOperation operation) {
        String version = null;
        try {
            List<PolicySource> current = sources;
            if (current.isEmpty()) {
                return new PolicyDecision(new Decision(Decision.Outcome.DENY, NO_SOURCE, "no policy source is active; "
                        + operation.iamAction() + " is denied", "none"), Optional.empty());
            }
            List<RuleSet> ruleSets = new ArrayList<>(current.size());
            for (PolicySource source : current) {
                ruleSets.add(Objects.requireNonNull(source.rules(), "a policy source returned no rule set"));
            }
            version = PolicyEvaluator.version(ruleSets);
            return evaluator(ruleSets).decide(identity, operation, clock.instant());
        } catch (RuntimeException e) {
            return PolicyEvaluator.failClosed(version, operation, e);
        }
    }

    private PolicyEvaluator evaluator(List<RuleSet> ruleSets) {
        Compiled cached = compiled;
        if (cached == null || !sameSnapshots(cached.ruleSets(), ruleSets)) {
            try {
                cached = new Compiled(List.copyOf(ruleSets), PolicyEvaluator.compile(ruleSets), null);
            } catch (RuntimeException e) {
                cached = new Compiled(List.copyOf(ruleSets), null, e);
            }
            compiled = cached;
        }
        if (cached.error() != null) {
            throw cached.error();
        }
        return cached.evaluator();
    }

    private static boolean sameSnapshots(List<RuleSet> a, List<RuleSet> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }
}
