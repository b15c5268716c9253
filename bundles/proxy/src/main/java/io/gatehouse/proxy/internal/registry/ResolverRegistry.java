package io.gatehouse.proxy.internal.registry;

import io.gatehouse.api.identity.CredentialResolver;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The active {@link CredentialResolver}s, best-ranked first. They are asked, in this order, about access key ids
 * that no configured client key has; without any resolver only configured keys authenticate.
 */
@Component(service = ResolverRegistry.class)
public final class ResolverRegistry {

    private volatile RankedServices<CredentialResolver> resolvers = RankedServices.empty();

    /** @return the resolvers, best-ranked first; an immutable snapshot */
    public List<CredentialResolver> resolvers() {
        return resolvers.entries().stream().map(RankedServices.Entry::service).toList();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public synchronized void bindResolver(CredentialResolver resolver, Map<String, Object> properties) {
        resolvers = resolvers.with(resolver, properties);
    }

    public synchronized void unbindResolver(CredentialResolver resolver) {
        resolvers = resolvers.without(resolver);
    }
}
