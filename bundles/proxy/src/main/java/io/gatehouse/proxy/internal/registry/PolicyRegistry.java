package io.gatehouse.proxy.internal.registry;

import io.gatehouse.api.policy.PolicyEngine;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** The active {@link PolicyEngine}s; the best-ranked one decides. Without one, every call is refused. */
@Component(service = PolicyRegistry.class)
public final class PolicyRegistry {

    private volatile RankedServices<PolicyEngine> engines = RankedServices.empty();

    /** @return the best-ranked engine, if any is active */
    public Optional<PolicyEngine> engine() {
        return engines.best(properties -> true);
    }

    /**
     * @param engine an engine that appeared
     * @param properties its service properties
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public synchronized void bindEngine(PolicyEngine engine, Map<String, Object> properties) {
        engines = engines.with(engine, properties);
    }

    /** @param engine an engine that went away */
    public synchronized void unbindEngine(PolicyEngine engine) {
        engines = engines.without(engine);
    }
}
