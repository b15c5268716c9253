package io.gatehouse.plugins.aws.json.internal;

import io.gatehouse.api.adapter.ServiceAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.BundleTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An extender: every active bundle whose manifest has a {@value #HEADER} header (this bundle included) gets one
 * {@link ServiceAdapter} per service table it ships, registered with {@code gatehouse.service} set to the table's
 * service and {@code service.ranking} to its ranking. Stopping or uninstalling the bundle removes its adapters.
 * A table that is not valid is logged and skipped: its service then has no adapter and is refused, never decoded
 * half-way. DS cannot watch other bundles' resources, hence the {@link BundleTracker}.
 */
@Component(configurationPid = ServiceTableConfig.PID)
@Designate(ocd = ServiceTableConfig.class)
@Header(name = ServiceTableExtender.HEADER, value = "services/")
public final class ServiceTableExtender {

    /**
     * Manifest header naming a bundle's service tables: comma-separated entries, each a {@code .json} file or a
     * folder (ending in {@code /}) whose {@code *.json} files are all tables.
     */
    public static final String HEADER = "Gatehouse-ServiceTables";
    /** Service property on each registered adapter: the bundle and entry the table came from. */
    public static final String TABLE_PROPERTY = "gatehouse.service.table";

    private static final Logger LOG = LoggerFactory.getLogger(ServiceTableExtender.class);

    private final BundleContext context;
    private final int maxNestingDepth;
    private final ServiceTableReader reader = new ServiceTableReader();
    private final BundleTracker<List<ServiceRegistration<ServiceAdapter>>> tracker;

    /** Starts tracking bundles with service tables. */
    @Activate
    public ServiceTableExtender(BundleContext context, ServiceTableConfig config) {
        this.context = context;
        this.maxNestingDepth = config.max_nesting_depth();
        this.tracker = new BundleTracker<>(context, Bundle.ACTIVE | Bundle.STARTING, null) {
            @Override
            public List<ServiceRegistration<ServiceAdapter>> addingBundle(Bundle bundle, BundleEvent event) {
                return register(bundle);
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event,
                                      List<ServiceRegistration<ServiceAdapter>> registrations) {
                unregister(registrations);
            }
        };
        tracker.open();
    }

    /** Removes every adapter this extender registered. */
    @Deactivate
    public void deactivate() {
        tracker.close();
    }

    private List<ServiceRegistration<ServiceAdapter>> register(Bundle bundle) {
        String header = bundle.getHeaders("").get(HEADER);
        if (header == null) {
            return null;
        }
        List<ServiceRegistration<ServiceAdapter>> registrations = new ArrayList<>();
        for (URL entry : entries(bundle, header)) {
            String source = bundle.getSymbolicName() + "!" + entry.getPath();
            try {
                ServiceTable table = reader.read(read(entry), source);
                registrations.add(context.registerService(ServiceAdapter.class,
                        new TableAdapter(table, maxNestingDepth), properties(table)));
                LOG.info("Service table {}: adapter for '{}' ({} operations)", source, table.service(),
                        table.operations().size());
            } catch (IOException | IllegalArgumentException e) {
                LOG.error("Service table {} is not valid and was not registered: {}", source, e.getMessage());
            }
        }
        return registrations;
    }

    private static void unregister(List<ServiceRegistration<ServiceAdapter>> registrations) {
        for (ServiceRegistration<ServiceAdapter> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregisters everything when this bundle stops first
            }
        }
    }

    private static Dictionary<String, Object> properties(ServiceTable table) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ServiceAdapter.SERVICE, table.service());
        properties.put(Constants.SERVICE_RANKING, table.ranking());
        properties.put(TABLE_PROPERTY, table.source());
        return properties;
    }

    /** The header's files, folders expanded, in a stable order. */
    private static List<URL> entries(Bundle bundle, String header) {
        List<URL> urls = new ArrayList<>();
        for (String item : header.split(",")) {
            String path = item.trim();
            if (path.endsWith("/")) {
                Enumeration<URL> found = bundle.findEntries(path, "*.json", false);
                List<URL> folder = found == null ? List.of() : Collections.list(found);
                folder.stream().sorted(Comparator.comparing(URL::getPath)).forEach(urls::add);
            } else if (!path.isEmpty()) {
                URL url = bundle.getEntry(path);
                if (url == null) {
                    LOG.error("Bundle {} names service table {} in {}, but has no such entry",
                            bundle.getSymbolicName(), path, HEADER);
                } else {
                    urls.add(url);
                }
            }
        }
        return urls;
    }

    private static byte[] read(URL entry) throws IOException {
        try (InputStream in = entry.openStream()) {
            return in.readNBytes(1 << 20);
        }
    }
}
