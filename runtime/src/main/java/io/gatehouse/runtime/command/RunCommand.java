package io.gatehouse.runtime.command;

import io.gatehouse.runtime.Gatehouse;
import io.gatehouse.runtime.internal.launch.GatehouseLauncher;
import io.gatehouse.runtime.internal.launch.Home;
import io.gatehouse.runtime.internal.launch.LogLevel;
import io.gatehouse.runtime.internal.launch.RunOptions;
import io.gatehouse.runtime.internal.launch.Terminal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gatehouse run}: runs the gateway in the foreground until Ctrl-C or SIGTERM. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs Gatehouse in the foreground until Ctrl-C or SIGTERM.",
            "Exit status: 0 stopped normally, 1 could not start, 2 invalid configuration or command line."})
public final class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--home", paramLabel = "DIR",
            description = "The installation folder (bin/ lib/ system/ etc/ deploy/ data/). "
                    + "Default: $GATEHOUSE_HOME, else the folder above the lib/ holding the launcher.")
    private Path home;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "${env:GATEHOUSE_LOG_LEVEL:-info}",
            description = "error, warn, info, debug or trace. Default: $GATEHOUSE_LOG_LEVEL, else ${DEFAULT-VALUE}.")
    private LogLevel logLevel;

    @Option(names = "--startup-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long startup waits for the data plane to accept connections. Default: ${DEFAULT-VALUE}.")
    private int startupTimeoutSeconds;

    @Option(names = "--no-wait",
            description = "Do not wait for the data plane to accept connections (for development only).")
    private boolean noWait;

    @Override
    public Integer call() {
        RunOptions options;
        try {
            options = options(System.getenv("GATEHOUSE_HOME"));
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return GatehouseLauncher.INVALID_CONFIGURATION;
        }
        return new GatehouseLauncher(options, new Terminal(System.out, System.err, options.logLevel())).run();
    }

    /**
     * @param environmentHome the value of {@code GATEHOUSE_HOME}, or null
     * @return the options this command line asks for
     * @throws IllegalArgumentException when the installation cannot be found or an option is out of range
     */
    public RunOptions options(String environmentHome) {
        if (startupTimeoutSeconds < 1) {
            throw new IllegalArgumentException("--startup-timeout must be at least 1 second");
        }
        return new RunOptions(Home.locate(home, environmentHome, launcherJar()), logLevel, !noWait,
                Duration.ofSeconds(startupTimeoutSeconds));
    }

    private static Optional<Path> launcherJar() {
        try {
            return Optional.of(Path.of(Gatehouse.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
