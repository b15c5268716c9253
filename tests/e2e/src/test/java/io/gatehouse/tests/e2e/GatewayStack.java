package io.gatehouse.tests.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The whole chain one test class runs against: the AWS CLI with a client key, Gatehouse started
 * from its distribution, the {@link SigningUpstream} that checks Gatehouse's re-signing with the
 * upstream key, and dynalite behind it. Everything on 127.0.0.1, in one temporary folder.
 */
final class GatewayStack implements AutoCloseable {

    static final String REGION = "us-east-1";
    private static final Duration ADAPTER_READY = Duration.ofSeconds(60);

    final Path workDir;
    final AccessKey clientKey = AccessKey.random("AKIACLIENT");
    final AccessKey upstreamKey = AccessKey.random("AKIAUPSTRM");
    final Dynalite dynalite;
    final SigningUpstream upstream;
    final GatehouseDistribution gatehouse;
    private final List<AutoCloseable> started = new ArrayList<>();

    private GatewayStack(Path workDir) {
        this.workDir = workDir;
        try {
            dynalite = track(Dynalite.start(workDir));
            upstream = track(SigningUpstream.start(dynalite.endpoint(), upstreamKey));
            gatehouse = GatehouseDistribution.install(workDir)
                    .clientKey("e2e", clientKey, "e2e-client")
                    .upstreamKey(upstreamKey)
                    .endpoint("dynamodb", upstream.endpoint());
            track(gatehouse).start();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Starts everything and waits until a DynamoDB call goes through Gatehouse. */
    static GatewayStack start(String testName) {
        GatewayStack stack;
        try {
            stack = new GatewayStack(Files.createTempDirectory("gatehouse-e2e-" + testName + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            stack.awaitDynamoDb();
            return stack;
        } catch (RuntimeException | Error e) {
            // The caller never gets the stack to close: stop what runs now, or it outlives the build.
            try {
                stack.close();
            } catch (RuntimeException | Error suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The real CLI, signing with the client key, pointed at Gatehouse. */
    AwsCli cli() {
        return AwsCli.create(workDir, gatehouse.endpoint(), clientKey, REGION);
    }

    AwsCli cli(AccessKey key) {
        return AwsCli.create(workDir, gatehouse.endpoint(), key, REGION);
    }

    RawDynamoDbCall raw(String operation, String body) {
        return new RawDynamoDbCall(gatehouse.endpoint(), operation, body);
    }

    /** FileInstall deploys the adapter a moment after the data port opens; wait for a working ListTables. */
    void awaitDynamoDb() {
        long deadline = System.nanoTime() + ADAPTER_READY.toNanos();
        RawDynamoDbCall.Response last = null;
        while (System.nanoTime() < deadline && gatehouse.isRunning()) {
            last = raw("ListTables", "{}").sendSigned(clientKey, REGION, Instant.now());
            if (last.status() == 200) {
                return;
            }
            FreePort.sleep(Duration.ofMillis(250));
        }
        fail("ListTables through Gatehouse did not succeed within " + ADAPTER_READY + "; last answer: " + last
                + "\nUpstream saw: " + upstream.requests() + "\nGatehouse output:\n" + gatehouse.logText());
    }

    /** Stops in reverse order; the gateway's SIGTERM exit is asserted by {@link GatehouseDistribution#close()}. */
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
        deleteTree(workDir);
    }

    /** Deletes the work folder (a distribution copy per test class); kept with -Dgatehouse.e2e.keep=true. */
    static void deleteTree(Path dir) {
        if (Boolean.getBoolean("gatehouse.e2e.keep")) {
            System.out.println("Kept " + dir);
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.out.println("Could not delete " + dir + ": " + e);
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }
}
