package io.gatehouse.proxy.internal.registry;

import io.gatehouse.api.adapter.ServiceAdapter;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The active {@link ServiceAdapter}s by service name. Adapters come and go while the gateway serves (plugins in
 * {@code deploy/}); a call to a service without an adapter is refused.
 */
@Component(service = AdapterRegistry.class)
public final class AdapterRegistry {

    private volatile RankedServices<ServiceAdapter> adapters = RankedServices.empty();

    /**
     * @param service the SigV4 signing name from the credential scope
     * @return the best-ranked adapter for it
     */
    public Optional<ServiceAdapter> adapterFor(String service) {
        return adapters.best(RankedServices.property(ServiceAdapter.SERVICE, service));
    }

    /** @return the names of the services that have an adapter, sorted */
    public Set<String> services() {
        Set<String> names = new TreeSet<>();
        adapters.entries().forEach(entry -> {
            Object name = entry.properties().get(ServiceAdapter.SERVICE);
            if (name instanceof String) {
                names.add((String) name);
            }
        });
        return names;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public synchronized void bindAdapter(ServiceAdapter adapter, Map<String, Object> properties) {
        adapters = adapters.with(adapter, properties);
    }

    public synchronized void unbindAdapter(ServiceAdapter adapter) {
        adapters = adapters.without(adapter);
    }
}
