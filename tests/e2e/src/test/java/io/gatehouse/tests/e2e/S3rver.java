package io.gatehouse.tests.e2e;

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
final class S3rver extends LoopbackEmulator {

    static final AccessKey KEY = new AccessKey("S3RVER", "S3RVER");
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private S3rver(LoopbackServer server) {
        super(server);
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
        Path script = Prerequisites.npmPackage("s3rver", "bin/s3rver.js").resolve("bin/s3rver.js");
        int port = FreePort.pick();
        Path log = workDir.resolve("s3rver-" + port + ".log");
        Path data = createFolder(workDir.resolve("s3rver-" + port));
        List<String> command = new ArrayList<>(List.of(node.toString(), script.toString(), "-d", data.toString(),
                "-a", "127.0.0.1", "-p", Integer.toString(port), "--no-vhost-buckets"));
        if (allowMismatchedSignatures) {
            command.add("--allow-mismatched-signatures");
        }
        return new S3rver(LoopbackServer.launch("s3rver", command, port, log, STARTUP));
    }
}
