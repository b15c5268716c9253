package io.gatehouse.runtime.internal.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;

/** What runs after startup: system bundles that did not start, and the plugins FileInstall installed from deploy/. */
final class StartupReport {

    private StartupReport() {
    }

    /** @return one line per system bundle that is not active (fragments: not resolved) */
    static List<String> inactiveSystemBundles(FrameworkBoot boot) {
        return boot.bundles().stream().filter(boot::isSystemBundle).filter(b -> !isRunning(b))
                .map(b -> FrameworkBoot.describe(b) + " is " + stateName(b.getState()) + " (" + b.getLocation() + ")")
                .collect(Collectors.toList());
    }

    /**
     * Waits until every jar in deploy/ runs as a bundle (FileInstall installs them asynchronously).
     *
     * @return one line per plugin: name, version, file, state
     */
    static List<String> plugins(FrameworkBoot boot, Path deployDir, Duration timeout) throws InterruptedException {
        List<Path> jars = jarsIn(deployDir);
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline) && boot.isActive()
                && !jars.stream().allMatch(jar -> bundleOf(boot, jar).map(StartupReport::isRunning).orElse(false))) {
            Thread.sleep(100);
        }
        List<String> lines = new ArrayList<>();
        for (Path jar : jars) {
            Optional<Bundle> bundle = bundleOf(boot, jar);
            lines.add(bundle.map(b -> b.getSymbolicName() + " " + b.getVersion() + " " + stateName(b.getState()))
                    .orElse("(not installed)") + "  deploy/" + jar.getFileName());
        }
        return lines;
    }

    private static List<Path> jarsIn(Path deployDir) {
        if (!Files.isDirectory(deployDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(deployDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted()
                    .collect(Collectors.toList());
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static Optional<Bundle> bundleOf(FrameworkBoot boot, Path jar) {
        String name = "/" + jar.getFileName();
        return boot.bundles().stream().filter(b -> !boot.isSystemBundle(b))
                .filter(b -> b.getLocation().endsWith(name)).findFirst();
    }

    private static boolean isRunning(Bundle bundle) {
        return FrameworkBoot.isFragment(bundle) ? bundle.getState() == Bundle.RESOLVED
                : bundle.getState() == Bundle.ACTIVE;
    }

    static String stateName(int state) {
        switch (state) {
            case Bundle.INSTALLED:
                return "INSTALLED (not resolved)";
            case Bundle.RESOLVED:
                return "RESOLVED";
            case Bundle.STARTING:
                return "STARTING";
            case Bundle.STOPPING:
                return "STOPPING";
            case Bundle.ACTIVE:
                return "ACTIVE";
            default:
                return "UNINSTALLED";
        }
    }
}
