package io.gatehouse.runtime.internal.launch;

import io.gatehouse.runtime.internal.config.BuiltInRules;
import io.gatehouse.runtime.internal.config.ConfigProblem;
import io.gatehouse.runtime.internal.config.EtcDirectory;
import io.gatehouse.runtime.internal.console.ConsoleCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogReaderService;

/**
 * {@code gatehouse run}: boots the embedded framework in this order, so that nothing serves traffic before the
 * configuration is known to be valid.
 * <ol>
 * <li>install system/&lt;level&gt;/*.jar, raise to the level of Felix Metatype (extenders, logging, platform);</li>
 * <li>check that every bundle resolves, validate etc/*.cfg against the metatype, check that the ports are free;</li>
 * <li>raise level by level: control plane, FileInstall (then wait until etc/ is in Configuration Admin), core;</li>
 * <li>raise to the plugin level (deploy/), check every bundle is active, wait for the data plane port;</li>
 * <li>print where Gatehouse listens and run until SIGTERM / Ctrl-C.</li>
 * </ol>
 */
public final class GatehouseLauncher {

    /** Exit status: stopped normally. */
    public static final int OK = 0;
    /** Exit status: could not start or keep running. */
    public static final int FAILED = 1;
    /** Exit status: the configuration (or the command line) is invalid. */
    public static final int INVALID_CONFIGURATION = 2;

    private static final String SOURCE = "gatehouse";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CONFIG_ARRIVAL_TIMEOUT = Duration.ofSeconds(10);

    private final RunOptions options;
    private final Terminal terminal;
    private final Home home;
    private volatile FrameworkBoot boot;
    private volatile boolean stopRequested;

    /**
     * @param options what to run
     * @param terminal where to say what happens
     */
    public GatehouseLauncher(RunOptions options, Terminal terminal) {
        this.options = options;
        this.terminal = terminal;
        this.home = options.home();
    }

    /**
     * Runs Gatehouse in the foreground until it is stopped.
     *
     * @return the exit status: {@link #OK}, {@link #FAILED} or {@link #INVALID_CONFIGURATION}
     */
    public int run() {
        long started = System.nanoTime();
        ConsoleCredentials console = null;
        boolean announced = false;
        try {
            LoggingSetup.apply(options.logLevel());
            EtcDirectory etc = EtcDirectory.read(home.etc(), home::display, this::variable);
            if (!etc.problems().isEmpty()) {
                return invalid(etc.problems());
            }
            SystemBundles system = SystemBundles.scan(home.system());
            int pluginLevel = system.highestLevel() + 1;
            console = ConsoleCredentials.resolve(etc.valuesOf(BuiltInRules.CONSOLE_PID),
                    "etc/" + BuiltInRules.CONSOLE_PID + ".cfg", home.data(), new SecureRandom());
            boot = FrameworkBoot.create(FrameworkSettings.build(home, options.logLevel(), console,
                    etc.valuesOf(BuiltInRules.HTTP_PID), pluginLevel));
            installStopHandlers();
            boot.install(system);
            boot.start();
            int status = startUp(system, etc, pluginLevel);
            if (status != OK) {
                boot.stop(STOP_TIMEOUT);
                return stopRequested ? OK : status;
            }
            announce(etc, console, started);
            announced = true;
            if (boot.framework().waitForStop(0).getType() == FrameworkEvent.STOPPED_UPDATE && !stopRequested) {
                // A restart from the console would bring the framework back at start level 1 only, without the
                // checks above: stop instead, and let the operator or the service manager start Gatehouse again.
                terminal.log(LogLevel.WARN, SOURCE, "restart requested: Gatehouse stops; start it again");
                boot.stop(STOP_TIMEOUT);
            }
            terminal.log(LogLevel.INFO, SOURCE, "stopped");
            return OK;
        } catch (IOException | BundleException | IllegalStateException e) {
            terminal.fail("Gatehouse did not start: " + e.getMessage());
            stopQuietly();
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly();
            return FAILED;
        } finally {
            if (!announced && console != null && console.newPassword().isPresent()) {
                // Never shown: forget it, so that the next start generates and shows a new one.
                ConsoleCredentials.discardGenerated(home.data());
            }
        }
    }

    private int startUp(SystemBundles system, EtcDirectory etc, int pluginLevel) throws IOException,
            InterruptedException {
        int validationLevel = requiredLevel("org.apache.felix.metatype");
        int fileInstallLevel = requiredLevel("org.apache.felix.fileinstall");
        if (!moveTo(validationLevel)) {
            return FAILED;
        }
        List<String> unresolvable = boot.unresolvable();
        if (!unresolvable.isEmpty()) {
            unresolvable.forEach(line -> terminal.fail("ERROR " + line));
            terminal.fail("Gatehouse did not start: bundles in system/ cannot resolve (see above).");
            return FAILED;
        }
        attachLogPrinter();
        List<ConfigProblem> problems = Preflight.validate(boot, etc.files(), home.deploy());
        if (problems.stream().anyMatch(ConfigProblem::isError)) {
            return invalid(problems);
        }
        problems.forEach(p -> terminal.log(LogLevel.WARN, SOURCE, p.render()));
        for (ListenAddress address : List.of(dataPlane(etc), controlPlane(etc))) {
            Optional<String> inUse = address.checkFree();
            if (inUse.isPresent()) {
                terminal.fail("Gatehouse did not start: " + inUse.get());
                return FAILED;
            }
        }
        for (int level : system.levels()) {
            if (level > validationLevel && !moveTo(level)) {
                return FAILED;
            }
            if (level == fileInstallLevel) {
                awaitConfiguration(etc);
            }
        }
        return moveTo(pluginLevel) ? checkRunning(etc) : FAILED;
    }

    private int checkRunning(EtcDirectory etc) throws InterruptedException {
        List<String> inactive = StartupReport.inactiveSystemBundles(boot);
        if (!inactive.isEmpty()) {
            inactive.forEach(line -> terminal.fail("ERROR " + line));
            terminal.fail("Gatehouse did not start: system bundles are not active (see the errors above).");
            return FAILED;
        }
        ListenAddress data = dataPlane(etc);
        if (!options.waitForDataPlane()) {
            terminal.log(LogLevel.WARN, SOURCE, "not waiting for the data plane (--no-wait)");
            return OK;
        }
        if (data.awaitAccepting(options.startupTimeout(), boot::isActive)) {
            return OK;
        }
        terminal.fail("Gatehouse did not start: the data plane does not accept connections on " + data.url()
                + " after " + options.startupTimeout().toSeconds() + " s (" + data.configuredIn()
                + "). Is the bundle io.gatehouse.proxy active? See the errors above.");
        return FAILED;
    }

    private void announce(EtcDirectory etc, ConsoleCredentials console, long startedNanos)
            throws InterruptedException {
        List<String> plugins = StartupReport.plugins(boot, home.deploy(), Duration.ofSeconds(10));
        ListenAddress control = controlPlane(etc);
        terminal.say("");
        terminal.say(String.format("Gatehouse %s started in %.1f s (home %s)", version(),
                (System.nanoTime() - startedNanos) / 1e9, home.root()));
        terminal.say("  data plane     " + dataPlane(etc).url() + "   (" + dataPlane(etc).configuredIn() + ")");
        terminal.say("  control plane  " + control.url() + "/system/console   (" + control.configuredIn() + ")");
        terminal.say("  plugins        " + (plugins.isEmpty() ? "none in deploy/" : String.join("\n                 ",
                plugins)));
        console.newPassword().ifPresentOrElse(password -> {
            terminal.say("");
            terminal.say("  Web console login: user '" + console.username() + "', password " + password);
            terminal.say("  (generated now and shown only this once; only its hash is kept, in "
                    + console.source() + ")");
        }, () -> terminal.say("  console login  user '" + console.username() + "', password from "
                + console.source()));
        terminal.say("Stop with Ctrl-C or SIGTERM.");
        terminal.say("");
    }

    private void awaitConfiguration(EtcDirectory etc) throws InterruptedException {
        List<Path> missing = ConfigArrival.await(boot.context(), etc.paths(), CONFIG_ARRIVAL_TIMEOUT);
        missing.forEach(file -> terminal.log(LogLevel.WARN, SOURCE, home.display(file)
                + " was not applied by FileInstall within " + CONFIG_ARRIVAL_TIMEOUT.toSeconds() + " s"));
    }

    private int invalid(List<ConfigProblem> problems) {
        problems.stream().filter(p -> !p.isError()).forEach(p -> terminal.log(LogLevel.WARN, SOURCE, p.render()));
        problems.stream().filter(ConfigProblem::isError).forEach(p -> terminal.fail(p.render()));
        terminal.fail("Gatehouse did not start: fix the configuration above (files in " + home.etc() + ").");
        return INVALID_CONFIGURATION;
    }

    private boolean moveTo(int level) throws InterruptedException {
        if (boot.moveTo(level, options.startupTimeout())) {
            return true;
        }
        if (!stopRequested) {
            terminal.fail("Gatehouse did not start: start level " + level + " was not reached within "
                    + options.startupTimeout().toSeconds() + " s");
        }
        return false;
    }

    private int requiredLevel(String symbolicName) {
        return boot.levelOf(symbolicName).orElseThrow(() -> new IllegalStateException(
                symbolicName + " is missing from " + home.system() + ": the distribution is incomplete"));
    }

    private void attachLogPrinter() {
        ServiceReference<LogReaderService> reference = SharedApi.reference(boot.context(), LogReaderService.class);
        boot.context().getService(reference).addLogListener(new OsgiLogPrinter(terminal));
    }

    private ListenAddress dataPlane(EtcDirectory etc) {
        Map<String, String> values = etc.valuesOf("io.gatehouse.proxy");
        return new ListenAddress("data plane", values.getOrDefault("host", "127.0.0.1"),
                BuiltInRules.parsePort(values.getOrDefault("port", "7700")), "etc/io.gatehouse.proxy.cfg host, port");
    }

    private ListenAddress controlPlane(EtcDirectory etc) {
        Map<String, String> values = etc.valuesOf(BuiltInRules.HTTP_PID);
        return new ListenAddress("control plane",
                values.getOrDefault(BuiltInRules.HTTP_HOST, FrameworkSettings.DEFAULT_CONTROL_HOST),
                BuiltInRules.parsePort(values.getOrDefault(BuiltInRules.HTTP_PORT,
                        FrameworkSettings.DEFAULT_CONTROL_PORT)),
                "etc/" + BuiltInRules.HTTP_PID + ".cfg " + BuiltInRules.HTTP_HOST + ", " + BuiltInRules.HTTP_PORT);
    }

    private String variable(String name) {
        return FrameworkSettings.HOME_PROPERTY.equals(name) ? home.root().toString() : System.getProperty(name);
    }

    private void installStopHandlers() {
        ShutdownSignals.install(signal -> {
            stopRequested = true;
            Thread stopper = new Thread(() -> stopOnSignal(signal), "gatehouse-stop");
            stopper.start();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopQuietly, "gatehouse-shutdown-hook"));
    }

    private void stopOnSignal(String signal) {
        terminal.log(LogLevel.INFO, SOURCE, "stopping (" + signal + ")");
        if (!boot.stop(STOP_TIMEOUT)) {
            terminal.fail("Gatehouse did not stop within " + STOP_TIMEOUT.toSeconds() + " s; exiting anyway");
            Runtime.getRuntime().halt(FAILED);
        }
    }

    private void stopQuietly() {
        FrameworkBoot current = boot;
        if (current != null && current.framework().getState() != org.osgi.framework.Bundle.RESOLVED) {
            current.stop(STOP_TIMEOUT);
        }
    }

    private static String version() {
        return Optional.ofNullable(GatehouseLauncher.class.getPackage().getImplementationVersion()).orElse("(dev)");
    }
}
