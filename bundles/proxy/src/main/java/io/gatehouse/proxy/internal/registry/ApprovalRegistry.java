package io.gatehouse.proxy.internal.registry;

import io.gatehouse.api.approval.ApprovalGate;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** The active {@link ApprovalGate}s; the best-ranked one holds calls. Without one, calls needing approval are refused. */
@Component(service = ApprovalRegistry.class)
public final class ApprovalRegistry {

    private volatile RankedServices<ApprovalGate> gates = RankedServices.empty();

    /** @return the best-ranked gate, if any is active */
    public Optional<ApprovalGate> gate() {
        return gates.best(properties -> true);
    }

    /**
     * @param gate a gate that appeared
     * @param properties its service properties
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public synchronized void bindGate(ApprovalGate gate, Map<String, Object> properties) {
        gates = gates.with(gate, properties);
    }

    /** @param gate a gate that went away */
    public synchronized void unbindGate(ApprovalGate gate) {
        gates = gates.without(gate);
    }
}
