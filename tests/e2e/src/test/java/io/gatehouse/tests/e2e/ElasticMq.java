package io.gatehouse.tests.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An ElasticMQ (SQS-compatible, in memory) server in its own JVM on 127.0.0.1 and a free port, from the classpath
 * the POM copies into {@code target/elasticmq-lib}. Its queue URLs name itself ({@code node-address}); the stats
 * endpoint is off. ElasticMQ never checks signatures.
 */
final class ElasticMq extends LoopbackEmulator {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private ElasticMq(LoopbackServer server) {
        super(server);
    }

    /** Starts ElasticMQ and returns once it accepts connections; config and output go to {@code workDir}. */
    static ElasticMq start(Path workDir) {
        Path lib = library();
        int port = FreePort.pick();
        Path config = workDir.resolve("elasticmq-" + port + ".conf");
        Path log = workDir.resolve("elasticmq-" + port + ".log");
        try {
            Files.writeString(config, String.join("\n",
                    "include classpath(\"application.conf\")",
                    "node-address { protocol = http, host = \"127.0.0.1\", port = " + port + ", context-path = \"\" }",
                    "rest-sqs { enabled = true, bind-port = " + port + ", bind-hostname = \"127.0.0.1\","
                            + " sqs-limits = strict }",
                    "rest-stats.enabled = false",
                    "generate-node-address = false", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-Xmx256m", "-Dconfig.file=" + config,
                "-cp", lib + "/*", "org.elasticmq.server.Main");
        return new ElasticMq(LoopbackServer.launch("ElasticMQ", command, port, log, STARTUP));
    }

    private static Path library() {
        Path lib = Path.of(System.getProperty("gatehouse.e2e.elasticmq", "target/elasticmq-lib"))
                .toAbsolutePath().normalize();
        if (!Files.isRegularFile(lib.resolve("elasticmq-server_2.13-1.7.1.jar"))) {
            fail("ElasticMQ is missing (no " + lib + "/elasticmq-server_2.13-1.7.1.jar). `mvn -pl tests/e2e verify` "
                    + "copies it there (" + Prerequisites.INSTALL_HINT + ").");
        }
        return lib;
    }
}
