package io.gatehouse.tests.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
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
final class Kinesalite extends LoopbackEmulator {

    private static final Duration STARTUP = Duration.ofSeconds(20);
    private static final String LAUNCHER = """
            const kinesalite = require(process.argv[2]);
            const server = kinesalite({createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0});
            server.listen(Number(process.argv[3]), '127.0.0.1', () => console.log('kinesalite on ' + process.argv[3]));
            """;

    private Kinesalite(LoopbackServer server) {
        super(server);
    }

    /** Starts kinesalite and returns once it accepts connections; its output goes to {@code workDir}. */
    static Kinesalite start(Path workDir) {
        Path node = Prerequisites.node();
        Path home = Prerequisites.npmPackage("kinesalite", "index.js");
        int port = FreePort.pick();
        Path log = workDir.resolve("kinesalite-" + port + ".log");
        Path launcher = workDir.resolve("kinesalite-" + port + ".js");
        try {
            Files.writeString(launcher, LAUNCHER);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start kinesalite", e);
        }
        return new Kinesalite(LoopbackServer.launch("kinesalite", List.of(node.toString(), launcher.toString(),
                home.toString(), Integer.toString(port)), port, log, STARTUP));
    }
}
