package io.gatehouse.tests.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private copy of the assembled distribution ({@code distribution/target/gatehouse}), configured
 * through its {@code etc/} files and started as a user starts it: {@code bin/gatehouse run} in the
 * foreground, stopped with SIGTERM.
 */
final class GatehouseDistribution implements AutoCloseable {

    static final String ADAPTER_PREFIX = "io.gatehouse.plugins.aws.dynamodb-";
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration SHUTDOWN = Duration.ofSeconds(30);

    private final Path home;
    private final Path console;
    private final int dataPort;
    private final int controlPort;
    private Process process;
    private String javaOpts;

    private GatehouseDistribution(Path home, Path console, int dataPort, int controlPort) {
        this.home = home;
        this.console = console;
        this.dataPort = dataPort;
        this.controlPort = controlPort;
    }

    /**
     * Copies the distribution into {@code workDir/gatehouse} and points it at free ports; nothing runs yet.
     */
    static GatehouseDistribution install(Path workDir) {
        Path template = Prerequisites.distribution();
        Path home = workDir.resolve("gatehouse");
        copyTree(template, home);
        GatehouseDistribution gatehouse = new GatehouseDistribution(home, workDir.resolve("gatehouse-console.log"),
                FreePort.pick(), FreePort.pick());
        gatehouse.configure("io.gatehouse.proxy", Map.of("host", "127.0.0.1",
                "port", Integer.toString(gatehouse.dataPort)));
        gatehouse.configure("org.apache.felix.http", Map.of("org.apache.felix.http.host", "127.0.0.1",
                "org.osgi.service.http.port", Integer.toString(gatehouse.controlPort)));
        return gatehouse.policy(ALLOW_ALL);
    }

    /** The policy of most tests: they are about protocols, not about policy. */
    static final String ALLOW_ALL = """
            rules:
              - id: e2e-allow-all
                effect: allow
                actions: ["*"]
                resources: ["*"]
                description: End-to-end tests of the protocols may call anything.
            """;

    /** Replaces the policy with one file, {@code etc/policy/e2e.yaml}; a running gateway reloads it. */
    GatehouseDistribution policy(String yaml) {
        try {
            Path directory = home.resolve("etc/policy");
            Files.createDirectories(directory);
            Path temporary = directory.resolve(".e2e.yaml.tmp");
            Files.writeString(temporary, yaml);
            Files.move(temporary, directory.resolve("e2e.yaml"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A client key the proxy accepts ({@code etc/io.gatehouse.proxy.accesskey-NAME.cfg}). */
    GatehouseDistribution clientKey(String name, AccessKey key, String subject) {
        return configure("io.gatehouse.proxy.accesskey-" + name, Map.of("access.key.id", key.id(),
                "secret.access.key", key.secret(), "subject", subject, "groups", "e2e"));
    }

    /** The upstream credentials the proxy re-signs with. */
    GatehouseDistribution upstreamKey(AccessKey key) {
        return configure("io.gatehouse.credentials.static", Map.of("access.key.id", key.id(),
                "secret.access.key", key.secret()));
    }

    /** JVM options for {@code bin/gatehouse} (its {@code JAVA_OPTS}), e.g. {@code -Xmx256m}. */
    GatehouseDistribution javaOpts(String options) {
        this.javaOpts = options;
        return this;
    }

    /** Where calls for {@code service} (any region) go. */
    GatehouseDistribution endpoint(String service, URI url) {
        return configure("io.gatehouse.proxy.endpoint-" + service, Map.of("service", service, "region", "*",
                "url", url.toString()));
    }

    GatehouseDistribution configure(String pid, Map<String, String> values) {
        CfgFile.set(home.resolve("etc").resolve(pid + ".cfg"), values);
        return this;
    }

    /** Runs {@code bin/gatehouse run} and returns once the data port accepts connections. */
    GatehouseDistribution start() {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/gatehouse").toString(), "run")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().put("GATEHOUSE_HOME", home.toString());
        if (javaOpts != null) {
            builder.environment().put("JAVA_OPTS", javaOpts);
        }
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + builder.command(), e);
        }
        Processes.stopAtExit(process);
        if (!FreePort.awaitListening(dataPort, STARTUP, process::isAlive)) {
            String state = process.isAlive() ? "is still not listening after " + STARTUP
                    : "exited with " + process.exitValue();
            close();
            fail("Gatehouse " + state + " (data port 127.0.0.1:" + dataPort + "). Its output:\n" + logText());
        }
        return this;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + dataPort);
    }

    int controlPort() {
        return controlPort;
    }

    Path home() {
        return home;
    }

    Path deploy() {
        return home.resolve("deploy");
    }

    /** The deployed DynamoDB adapter jar. */
    Path adapterJar() {
        try (Stream<Path> files = Files.list(deploy())) {
            return files.filter(f -> f.getFileName().toString().startsWith(ADAPTER_PREFIX))
                    .filter(f -> f.getFileName().toString().endsWith(".jar")).findFirst()
                    .orElseGet(() -> fail("no " + ADAPTER_PREFIX + "*.jar in " + deploy()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** The console output plus every {@code *.log} file the gateway wrote under its home. */
    String logText() {
        StringBuilder text = new StringBuilder(readQuietly(console));
        try (Stream<Path> files = Files.walk(home)) {
            files.filter(f -> f.getFileName().toString().endsWith(".log") && Files.isRegularFile(f))
                    .forEach(f -> text.append("\n--- ").append(home.relativize(f)).append('\n')
                            .append(readQuietly(f)));
        } catch (IOException | UncheckedIOException e) {
            text.append("\n(cannot list logs: ").append(e).append(')');
        }
        return text.toString();
    }

    /** SIGTERM, then demands an exit within {@link #SHUTDOWN}. */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(SHUTDOWN.toSeconds(), TimeUnit.SECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("Gatehouse did not exit within " + SHUTDOWN + " of SIGTERM. Its output:\n" + logText());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(child -> {
            child.destroyForcibly();
            fail("Gatehouse exited on SIGTERM but left process " + child.pid() + " running");
        });
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path relative = from.relativize(source);
                // data/ is runtime state (framework cache, logs) of whoever ran the template; start clean.
                if (relative.startsWith("data") && relative.getNameCount() > 1) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
