package io.gatehouse.tests.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A dynalite (DynamoDB-compatible, in memory) server on 127.0.0.1 and a free port. Tables are
 * created, deleted and updated at once ({@code --createTableMs 0 ...}). dynalite checks only that a
 * request carries a well-formed Authorization header, never the signature.
 */
final class Dynalite implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(20);

    private final Process process;
    private final int port;
    private final Path log;

    private Dynalite(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
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
        Processes.stopAtExit(process);
        Dynalite dynalite = new Dynalite(process, port, log);
        if (!FreePort.awaitListening(port, STARTUP, process::isAlive)) {
            dynalite.close();
            fail("dynalite did not listen on 127.0.0.1:" + port + " within " + STARTUP + ":\n" + dynalite.output());
        }
        return dynalite;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    int port() {
        return port;
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Process launch(List<String> command, Path log) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }
}
