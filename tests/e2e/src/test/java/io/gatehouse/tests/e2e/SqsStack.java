package io.gatehouse.tests.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The chain the SQS tests run against, beside {@link GatewayStack}: the client, Gatehouse started from its
 * distribution with an endpoint file for {@code sqs}, the {@link SigningUpstream} that checks the re-signing, and
 * ElasticMQ behind it. Everything on 127.0.0.1, in one temporary folder.
 */
final class SqsStack implements AutoCloseable {

    static final String REGION = GatewayStack.REGION;
    private static final Duration ADAPTER_READY = Duration.ofSeconds(60);

    final Path workDir;
    final AccessKey clientKey = AccessKey.random("AKIACLIENT");
    final AccessKey upstreamKey = AccessKey.random("AKIAUPSTRM");
    final ElasticMq elasticMq;
    final SigningUpstream upstream;
    final GatehouseDistribution gatehouse;
    private final List<AutoCloseable> started = new ArrayList<>();

    private SqsStack(Path workDir) {
        this.workDir = workDir;
        try {
            elasticMq = track(ElasticMq.start(workDir));
            upstream = track(SigningUpstream.start(elasticMq.endpoint(), upstreamKey));
            gatehouse = GatehouseDistribution.install(workDir)
                    .clientKey("e2e", clientKey, "e2e-client")
                    .upstreamKey(upstreamKey)
                    .endpoint("sqs", upstream.endpoint());
            track(gatehouse).start();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Starts everything and waits until an SQS call goes through Gatehouse. */
    static SqsStack start(String testName) {
        SqsStack stack;
        try {
            stack = new SqsStack(Files.createTempDirectory("gatehouse-e2e-" + testName + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            stack.awaitSqs();
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
        return AwsCli.create(workDir, gatehouse.endpoint(), clientKey, REGION);
    }

    /** A query-protocol call through Gatehouse, signed with the client key. */
    RawDynamoDbCall.Response query(String path, String queryString, String form) {
        return new RawQueryCall(gatehouse.endpoint(), "sqs", path, queryString, form).sendSigned(clientKey, REGION);
    }

    /** FileInstall deploys the adapter a moment after the data port opens; wait for a working ListQueues. */
    private void awaitSqs() {
        long deadline = System.nanoTime() + ADAPTER_READY.toNanos();
        RawDynamoDbCall.Response last = null;
        while (System.nanoTime() < deadline && gatehouse.isRunning()) {
            last = query("/", "", "Action=ListQueues&Version=2012-11-05");
            if (last.status() == 200) {
                return;
            }
            FreePort.sleep(Duration.ofMillis(250));
        }
        fail("ListQueues through Gatehouse did not succeed within " + ADAPTER_READY + "; last answer: " + last
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
