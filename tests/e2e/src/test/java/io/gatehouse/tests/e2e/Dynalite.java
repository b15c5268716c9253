package io.gatehouse.tests.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A dynalite (DynamoDB-compatible, in memory) server on 127.0.0.1 and a free port. Tables are
 * created, deleted and updated at once ({@code --createTableMs 0 ...}). dynalite checks only that a
 * request carries a well-formed Authorization header, never the signature.
 */
final class Dynalite extends LoopbackEmulator {

    private static final Duration STARTUP = Duration.ofSeconds(20);

    private Dynalite(LoopbackServer server) {
        super(server);
    }

    /** Starts dynalite and returns once it accepts connections; its output goes to {@code workDir}. */
    static Dynalite start(Path workDir) {
        Path node = Prerequisites.node();
        Path cli = Prerequisites.dynaliteCli();
        int port = FreePort.pick();
        Path log = workDir.resolve("dynalite-" + port + ".log");
        return new Dynalite(LoopbackServer.launch("dynalite", List.of(node.toString(), cli.toString(), "--host",
                "127.0.0.1", "--port", Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0",
                "--updateTableMs", "0"), port, log, STARTUP));
    }

    int port() {
        return server.port();
    }

}
