package io.gatehouse.runtime.internal.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Waits until FileInstall has handed every {@code etc/*.cfg} file to Configuration Admin, so that the core bundles
 * started next see their configuration on first activation instead of starting with defaults and restarting.
 */
final class ConfigArrival {

    /** The property FileInstall puts on every configuration it creates: the file's URI. */
    private static final String FILENAME = "felix.fileinstall.filename";

    private ConfigArrival() {
    }

    /**
     * @param context a bundle context of the framework
     * @param files the configuration files
     * @param timeout how long to wait at most
     * @return the files still missing in Configuration Admin after the wait (empty when all arrived)
     */
    static List<Path> await(BundleContext context, List<Path> files, Duration timeout) throws InterruptedException {
        ServiceReference<ConfigurationAdmin> reference = SharedApi.reference(context, ConfigurationAdmin.class);
        ConfigurationAdmin admin = context.getService(reference);
        try {
            Instant deadline = Instant.now().plus(timeout);
            List<Path> missing = files;
            while (!missing.isEmpty() && Instant.now().isBefore(deadline)) {
                Set<String> known = knownFiles(admin);
                missing = files.stream().filter(f -> !known.contains(uriOf(f))).collect(Collectors.toList());
                if (!missing.isEmpty()) {
                    Thread.sleep(100);
                }
            }
            return missing;
        } finally {
            context.ungetService(reference);
        }
    }

    /** FileInstall's key: {@code File.getAbsoluteFile().toURI()}, which differs in form from {@code Path.toUri()}. */
    static String uriOf(Path file) {
        return file.toFile().getAbsoluteFile().toURI().toString();
    }

    private static Set<String> knownFiles(ConfigurationAdmin admin) {
        Set<String> known = new HashSet<>();
        try {
            Configuration[] configurations = admin.listConfigurations("(" + FILENAME + "=*)");
            if (configurations != null) {
                for (Configuration configuration : configurations) {
                    known.add(String.valueOf(configuration.getProperties().get(FILENAME)));
                }
            }
        } catch (IOException | InvalidSyntaxException | IllegalStateException e) {
            // Configuration Admin is going away: nothing known.
        }
        return known;
    }
}
