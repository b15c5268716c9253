package io.gatehouse.proxy.internal.registry;

import io.gatehouse.api.credentials.CredentialBroker;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** The active {@link CredentialBroker}s; the best-ranked one signs. Without one, every call is refused. */
@Component(service = BrokerRegistry.class)
public final class BrokerRegistry {

    private volatile RankedServices<CredentialBroker> brokers = RankedServices.empty();

    /** @return the best-ranked broker, if any is active */
    public Optional<CredentialBroker> broker() {
        return brokers.best(properties -> true);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public synchronized void bindBroker(CredentialBroker broker, Map<String, Object> properties) {
        brokers = brokers.with(broker, properties);
    }

    public synchronized void unbindBroker(CredentialBroker broker) {
        brokers = brokers.without(broker);
    }
}
