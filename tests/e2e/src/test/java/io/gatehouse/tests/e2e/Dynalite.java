package io.gatehouse.tests.e2e;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A dynalite (DynamoDB-compatible, in memory) server on 127.0.0.1 and a free port. Tables are
 * created, deleted and updated at once ({@code --createTableMs 0 ...}). dynalite checks only that a
 * request carries a well-formed Authorization header, never the signature.
 */
final class Dynalite implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(20);

    private final LoopbackServer server;

    private Dynalite(LoopbackServer server) {
        this.server = server;
    }

    /** Starts dynalite and returns once it accepts connections; its output goes to {@code workDir}. */
    static Dynalite start(Path workDir) {
        Path node = Prerequisites.node();
        Path cli = Prerequisites.dynaliteCli();
        int port = FreePort.pick();
        Path log = workDir.resolve("dynalite-" + port + ".log");
        Process process = launch(List.of(node.toString(), cli.toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0",
                "--updateTableMs", "0"), log);
        return new Dynalite(LoopbackServer.await("dynalite", process, port, log, STARTUP));
    }

    URI endpoint() {
        return server.endpoint();
    }

    int port() {
        return server.port();
    }

    String output() {
        return server.output();
    }

    @Override
    public void close() {
        server.close();
    }

    private static Process launch(List<String> command, Path log) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }
}
