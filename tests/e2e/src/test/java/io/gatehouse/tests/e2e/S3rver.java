package io.gatehouse.tests.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An s3rver 3.7.1 (S3-compatible, files on disk) on 127.0.0.1 and a free port, path-style only. It accepts only the
 * access key {@code S3RVER} with the secret {@code S3RVER} and checks SigV4 signatures itself — unless started
 * with {@code --allow-mismatched-signatures}, which the chain behind {@link SigningUpstream} needs: the double
 * forwards the gateway's signature unchanged but to another Host, after checking it itself.
 */
final class S3rver implements AutoCloseable {

    static final AccessKey KEY = new AccessKey("S3RVER", "S3RVER");
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final LoopbackServer server;

    private S3rver(LoopbackServer server) {
        this.server = server;
    }

    /** An s3rver that verifies every signature itself (for direct CLI calls). */
    static S3rver start(Path workDir) {
        return start(workDir, false);
    }

    /** An s3rver behind the {@link SigningUpstream}, which has verified the signature already. */
    static S3rver behindDouble(Path workDir) {
        return start(workDir, true);
    }

    private static S3rver start(Path workDir, boolean allowMismatchedSignatures) {
        Path node = Prerequisites.node();
        Path script = home().resolve("bin/s3rver.js");
        int port = FreePort.pick();
        Path log = workDir.resolve("s3rver-" + port + ".log");
        Process process;
        try {
            Path data = Files.createDirectories(workDir.resolve("s3rver-" + port));
            List<String> command = new ArrayList<>(List.of(node.toString(), script.toString(), "-d", data.toString(),
                    "-a", "127.0.0.1", "-p", Integer.toString(port), "--no-vhost-buckets"));
            if (allowMismatchedSignatures) {
                command.add("--allow-mismatched-signatures");
            }
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start s3rver", e);
        }
        return new S3rver(LoopbackServer.await("s3rver", process, port, log, STARTUP));
    }

    /** s3rver's package folder, installed from the committed package-lock into tests/e2e/node_modules. */
    static Path home() {
        Path home = Path.of(System.getProperty("gatehouse.e2e.s3rver", "node_modules/s3rver"))
                .toAbsolutePath().normalize();
        if (!Files.isRegularFile(home.resolve("bin/s3rver.js"))) {
            fail("s3rver is missing (no " + home.resolve("bin/s3rver.js") + "). Install it with `npm ci --prefix "
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
