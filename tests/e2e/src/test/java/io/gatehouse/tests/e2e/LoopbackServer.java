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
 * A server process a test started on 127.0.0.1: waits until it listens, keeps its output in a log file, and stops it
 * (also when the test JVM exits). The emulator harnesses (dynalite, ElasticMQ, kinesalite, s3rver) differ only in
 * how they build the command line.
 */
final class LoopbackServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private LoopbackServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * @return the server once it accepts connections on {@code port}; fails the test with its output otherwise
     */
    static LoopbackServer await(String name, Process process, int port, Path log, Duration startup) {
        Processes.stopAtExit(process);
        LoopbackServer server = new LoopbackServer(process, port, log);
        if (!FreePort.awaitListening(port, startup, process::isAlive)) {
            server.close();
            fail(name + " did not listen on 127.0.0.1:" + port + " within " + startup + ":\n" + server.output());
        }
        return server;
    }

    /**
     * Starts {@code command} with its output (stdout and stderr) in {@code log}.
     *
     * @return the server once it accepts connections on {@code port}; fails the test with its output otherwise
     */
    static LoopbackServer launch(String name, List<String> command, int port, Path log, Duration startup) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
        return await(name, process, port, log, startup);
    }

    boolean isAlive() {
        return process.isAlive();
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
}
