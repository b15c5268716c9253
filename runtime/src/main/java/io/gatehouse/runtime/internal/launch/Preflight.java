package io.gatehouse.runtime.internal.launch;

import io.gatehouse.runtime.internal.config.BuiltInRules;
import io.gatehouse.runtime.internal.config.CfgFile;
import io.gatehouse.runtime.internal.config.ConfigProblem;
import io.gatehouse.runtime.internal.config.ConfigValidator;
import io.gatehouse.runtime.internal.config.MetatypeCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.metatype.MetaTypeService;

/**
 * Validates {@code etc/*.cfg} against the metatype of every bundle Gatehouse will run: the installed system bundles
 * and, installed for the check only, the plugin jars in {@code deploy/} (FileInstall installs those for real later).
 */
final class Preflight {

    private static final String PROBE_LOCATION = "gatehouse-preflight:";

    private Preflight() {
    }

    /**
     * @param boot the framework, at the level where Felix Metatype runs
     * @param files the configuration files
     * @param deployDir the plugin folder
     * @return the problems found
     */
    static List<ConfigProblem> validate(FrameworkBoot boot, List<CfgFile> files, Path deployDir)
            throws IOException, InterruptedException {
        BundleContext context = boot.context();
        ServiceReference<MetaTypeService> reference = SharedApi.reference(context, MetaTypeService.class);
        List<Bundle> probes = installProbes(context, deployDir);
        try {
            MetaTypeService metatype = context.getService(reference);
            ConfigValidator validator = new ConfigValidator(new MetatypeCatalog(metatype, boot.bundles()),
                    BuiltInRules.defaults());
            return validator.validate(files);
        } finally {
            context.ungetService(reference);
            uninstall(boot, probes);
        }
    }

    private static List<Bundle> installProbes(BundleContext context, Path deployDir) throws IOException {
        List<Bundle> probes = new ArrayList<>();
        if (!Files.isDirectory(deployDir)) {
            return probes;
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(deployDir)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().collect(Collectors.toList());
        }
        for (Path jar : jars) {
            try (InputStream in = Files.newInputStream(jar)) {
                probes.add(context.installBundle(PROBE_LOCATION + jar.getFileName(), in));
            } catch (BundleException e) {
                // Not a bundle (or a duplicate): FileInstall will say so when it meets the file.
            }
        }
        return probes;
    }

    private static void uninstall(FrameworkBoot boot, List<Bundle> probes) throws InterruptedException {
        List<Bundle> uninstalled = new ArrayList<>();
        for (Bundle probe : probes) {
            try {
                probe.uninstall();
                uninstalled.add(probe);
            } catch (BundleException | IllegalStateException e) {
                // Already gone.
            }
        }
        if (!uninstalled.isEmpty()) {
            boot.refresh(uninstalled, Duration.ofSeconds(10));
        }
    }
}
