package io.gatehouse.tests.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A kinesalite (Kinesis-compatible, in memory) server on 127.0.0.1 and a free port. Its CLI binds every
 * interface, so it is started from a few lines of JS that call {@code listen(port, '127.0.0.1')}. Streams are
 * created, deleted and updated at once. kinesalite checks only that a request carries an Authorization header,
 * never the signature.
 */
final class Kinesalite implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(20);
    private static final String LAUNCHER = """
            const kinesalite = require(process.argv[2]);
            const server = kinesalite({createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0});
            server.listen(Number(process.argv[3]), '127.0.0.1', () => console.log('kinesalite on ' + process.argv[3]));
            """;

    private final LoopbackServer server;

    private Kinesalite(LoopbackServer server) {
        this.server = server;
    }

    /** Starts kinesalite and returns once it accepts connections; its output goes to {@code workDir}. */
    static Kinesalite start(Path workDir) {
        Path node = Prerequisites.node();
        Path home = kinesaliteHome();
        int port = FreePort.pick();
        Path log = workDir.resolve("kinesalite-" + port + ".log");
        Process process;
        try {
            Path launcher = workDir.resolve("kinesalite-" + port + ".js");
            Files.writeString(launcher, LAUNCHER);
            process = new ProcessBuilder(List.of(node.toString(), launcher.toString(), home.toString(),
                    Integer.toString(port))).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start kinesalite", e);
        }
        return new Kinesalite(LoopbackServer.await("kinesalite", process, port, log, STARTUP));
    }

    /** kinesalite's package folder, installed from the committed package-lock into tests/e2e/node_modules. */
    static Path kinesaliteHome() {
        Path home = Path.of(System.getProperty("gatehouse.e2e.kinesalite", "node_modules/kinesalite"))
                .toAbsolutePath().normalize();
        if (!Files.isRegularFile(home.resolve("index.js"))) {
            fail("kinesalite is missing (no " + home.resolve("index.js") + "). Install it with `npm ci --prefix "
                    + "tests/e2e` (" + Prerequisites.INSTALL_HINT + ").");
        }
        return home;
    }

    URI endpoint() {
        return server.endpoint();
    }

    String output() {
        return server.output();
    }

    @Override
    public void close() {
        server.close();
    }
}
