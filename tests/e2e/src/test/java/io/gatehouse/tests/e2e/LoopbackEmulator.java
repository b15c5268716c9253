package io.gatehouse.tests.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An emulator process (dynalite, ElasticMQ, kinesalite, s3rver, S3Mock) a test started on 127.0.0.1: where it
 * listens, what it printed, and stopping it. The subclasses differ only in how they start it.
 */
abstract class LoopbackEmulator implements AutoCloseable {

    final LoopbackServer server;

    LoopbackEmulator(LoopbackServer server) {
        this.server = server;
    }

    /** Creates {@code dir} (and its parents) for an emulator's data. */
    static Path createFolder(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
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
