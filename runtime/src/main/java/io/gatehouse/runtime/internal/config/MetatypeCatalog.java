package io.gatehouse.runtime.internal.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Looks PIDs up in the metatype of the given bundles through the Metatype service. Works for bundles that are
 * installed or resolved but not started: Felix Metatype reads {@code OSGI-INF/metatype/} from the bundle's entries.
 */
public final class MetatypeCatalog implements OcdLookup {

    private final MetaTypeService metatype;
    private final List<Bundle> bundles;

    /**
     * @param metatype the Metatype service
     * @param bundles the bundles whose descriptions count
     */
    public MetatypeCatalog(MetaTypeService metatype, List<Bundle> bundles) {
        this.metatype = metatype;
        this.bundles = List.copyOf(bundles);
    }

    @Override
    public Optional<ObjectClassDefinition> find(String pid, boolean factory) {
        for (Bundle bundle : bundles) {
            MetaTypeInformation information = informationOf(bundle);
            if (information == null) {
                continue;
            }
            String[] pids = factory ? information.getFactoryPids() : information.getPids();
            if (pids != null && Arrays.asList(pids).contains(pid)) {
                return Optional.ofNullable(information.getObjectClassDefinition(pid, null));
            }
        }
        return Optional.empty();
    }

    private MetaTypeInformation informationOf(Bundle bundle) {
        try {
            return metatype.getMetaTypeInformation(bundle);
        } catch (RuntimeException e) {
            // An uninstalled or broken bundle describes nothing.
            return null;
        }
    }
}
