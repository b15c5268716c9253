package io.gatehouse.runtime.internal.launch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;

/** The embedded framework: created through {@link FrameworkFactory}, filled from system/, raised level by level. */
final class FrameworkBoot {

    private final Framework framework;
    private final Set<Long> systemBundleIds = new HashSet<>();

    private FrameworkBoot(Framework framework) {
        this.framework = framework;
    }

    /**
     * @param properties the framework properties
     * @return an initialised (not yet started) framework
     * @throws BundleException when the framework cannot initialise (e.g. its cache is locked by another process)
     */
    static FrameworkBoot create(Map<String, String> properties) throws BundleException {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path (lib/)"));
        Framework framework = factory.newFramework(properties);
        framework.init();
        return new FrameworkBoot(framework);
    }

    Framework framework() {
        return framework;
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    /** Installs every bundle at its start level and marks it to start once the framework reaches that level. */
    void install(SystemBundles bundles) throws BundleException {
        for (SystemBundles.Entry entry : bundles.entries()) {
            Bundle bundle = context().installBundle(entry.jar().toUri().toString());
            systemBundleIds.add(bundle.getBundleId());
            bundle.adapt(BundleStartLevel.class).setStartLevel(entry.startLevel());
            if (!isFragment(bundle)) {
                bundle.start();
            }
        }
    }

    void start() throws BundleException {
        framework.start();
    }

    /**
     * Raises (or lowers) the framework start level and waits until every bundle of the levels passed has started.
     *
     * @return false when the level was not reached in time or the framework stopped meanwhile
     */
    boolean moveTo(int level, Duration timeout) throws InterruptedException {
        CountDownLatch reached = new CountDownLatch(1);
        framework.adapt(FrameworkStartLevel.class).setStartLevel(level, event -> {
            if (event.getType() == FrameworkEvent.STARTLEVEL_CHANGED) {
                reached.countDown();
            }
        });
        return reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && isActive();
    }

    boolean isActive() {
        return framework.getState() == Bundle.ACTIVE;
    }

    /** @return whether the bundle was installed from system/ (rather than by FileInstall from deploy/) */
    boolean isSystemBundle(Bundle bundle) {
        return systemBundleIds.contains(bundle.getBundleId());
    }

    /** @return the start level of the first installed bundle with this symbolic name */
    OptionalInt levelOf(String symbolicName) {
        return bundles().stream().filter(b -> symbolicName.equals(b.getSymbolicName()))
                .mapToInt(b -> b.adapt(BundleStartLevel.class).getStartLevel()).findFirst();
    }

    /** @return every installed bundle except the framework itself */
    List<Bundle> bundles() {
        return Arrays.stream(context().getBundles()).filter(b -> b.getBundleId() != 0).collect(Collectors.toList());
    }

    /**
     * Resolves every installed bundle.
     *
     * @return one line per bundle that cannot resolve, with the missing requirement
     */
    List<String> unresolvable() {
        framework.adapt(FrameworkWiring.class).resolveBundles(null);
        List<String> problems = new ArrayList<>();
        for (Bundle bundle : bundles()) {
            if (bundle.getState() == Bundle.INSTALLED) {
                problems.add(describe(bundle) + " cannot resolve: " + resolutionError(bundle));
            }
        }
        return problems;
    }

    /** Felix gives the reason a bundle does not resolve only when asked to load a class from it. */
    private static String resolutionError(Bundle bundle) {
        try {
            bundle.loadClass("io.gatehouse.runtime.ResolutionProbe");
            return "unknown reason";
        } catch (ClassNotFoundException e) {
            return Optional.ofNullable(e.getCause()).map(Throwable::getMessage).orElse(String.valueOf(e));
        } catch (IllegalStateException e) {
            return String.valueOf(e.getMessage());
        }
    }

    /** Refreshes the wiring after bundles were uninstalled, and waits for it. */
    void refresh(List<Bundle> uninstalled, Duration timeout) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        framework.adapt(FrameworkWiring.class).refreshBundles(uninstalled, event -> done.countDown());
        done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the framework and waits for it.
     *
     * @return whether it stopped within the time
     */
    boolean stop(Duration timeout) {
        try {
            framework.stop();
            return framework.waitForStop(timeout.toMillis()).getType() != FrameworkEvent.WAIT_TIMEDOUT;
        } catch (BundleException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    static String describe(Bundle bundle) {
        return bundle.getSymbolicName() + " " + bundle.getVersion() + " [" + bundle.getBundleId() + "]";
    }
}
