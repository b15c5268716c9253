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
 * The chain the S3 tests run against: the CLI (path-style addressing) with a client key, Gatehouse started from its
 * distribution with an endpoint file for {@code s3}, the {@link SigningUpstream} that checks the re-signing with the
 * upstream key, and s3rver behind it. s3rver only knows the key {@code S3RVER}, so that is the upstream key here.
 */
final class S3Stack implements AutoCloseable {

    static final String REGION = GatewayStack.REGION;
    private static final Duration ADAPTER_READY = Duration.ofSeconds(60);

    final Path workDir;
    final AccessKey clientKey = AccessKey.random("AKIACLIENT");
    final AccessKey upstreamKey = S3rver.KEY;
    final S3rver s3rver;
    final SigningUpstream upstream;
    final GatehouseDistribution gatehouse;
    private final List<AutoCloseable> started = new ArrayList<>();

    private S3Stack(Path workDir) {
        this.workDir = workDir;
        try {
            s3rver = track(S3rver.behindDouble(workDir));
            upstream = track(SigningUpstream.start(s3rver.endpoint(), upstreamKey));
            gatehouse = GatehouseDistribution.install(workDir)
                    .clientKey("e2e", clientKey, "e2e-client")
                    .upstreamKey(upstreamKey)
                    .endpoint("s3", upstream.endpoint());
            track(gatehouse).start();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Starts everything and waits until ListBuckets goes through Gatehouse. */
    static S3Stack start(String testName) {
        S3Stack stack;
        try {
            stack = new S3Stack(Files.createTempDirectory("gatehouse-e2e-" + testName + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            stack.awaitS3();
            return stack;
        } catch (RuntimeException | Error e) {
            try {
                stack.close();
            } catch (RuntimeException | Error suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    AwsCli cli() {
        return cli(workDir, gatehouse.endpoint(), clientKey);
    }

    /** A CLI for {@code endpoint} that addresses buckets path-style whatever the endpoint looks like. */
    static AwsCli cli(Path workDir, URI endpoint, AccessKey key) {
        return AwsCli.withConfig(workDir, endpoint, REGION, "[default]\nregion = " + REGION
                + "\noutput = json\nmax_attempts = 1\nretry_mode = standard\naws_access_key_id = " + key.id()
                + "\naws_secret_access_key = " + key.secret() + "\ns3 =\n    addressing_style = path\n");
    }

    private void awaitS3() {
        long deadline = System.nanoTime() + ADAPTER_READY.toNanos();
        AwsCli cli = cli();
        AwsCli.Result last = null;
        while (System.nanoTime() < deadline && gatehouse.isRunning()) {
            last = cli.run("s3api", "list-buckets");
            if (last.ok()) {
                return;
            }
            FreePort.sleep(Duration.ofMillis(500));
        }
        fail("ListBuckets through Gatehouse did not succeed within " + ADAPTER_READY + "; last answer: " + last
                + "\nUpstream saw: " + upstream.requests() + "\nGatehouse output:\n" + gatehouse.logText());
    }

    @Override
    public void close() {
        AssertionError failure = null;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (AssertionError e) {
                failure = e;
            } catch (Exception e) {
                failure = new AssertionError("cannot stop " + started.get(i), e);
            }
        }
        started.clear();
        if (failure != null) {
            throw failure;
        }
        GatewayStack.deleteTree(workDir);
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }
}
