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
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A chain beside {@link GatewayStack} for services other than DynamoDB: a server (kinesalite, or a canned-answer
 * double) started in the work folder, the {@link SigningUpstream} in front of it, and Gatehouse with an endpoint
 * file pointing each given service at the double. Everything on 127.0.0.1, in one temporary folder.
 *
 * @param <S> the server behind the double
 */
final class UpstreamStack<S extends AutoCloseable> implements AutoCloseable {

    static final String REGION = GatewayStack.REGION;
    private static final Duration ADAPTER_READY = Duration.ofSeconds(60);

    final Path workDir;
    final AccessKey clientKey = AccessKey.random("AKIACLIENT");
    final AccessKey upstreamKey = AccessKey.random("AKIAUPSTRM");
    final S server;
    final SigningUpstream upstream;
    final GatehouseDistribution gatehouse;
    private final List<AutoCloseable> started = new ArrayList<>();

    private UpstreamStack(Path workDir, Function<Path, S> serverStarter, Function<S, URI> serverEndpoint,
                          List<String> services) {
        this.workDir = workDir;
        try {
            server = track(serverStarter.apply(workDir));
            upstream = track(SigningUpstream.start(serverEndpoint.apply(server), upstreamKey));
            GatehouseDistribution installed = GatehouseDistribution.install(workDir)
                    .clientKey("e2e", clientKey, "e2e-client")
                    .upstreamKey(upstreamKey);
            services.forEach(service -> installed.endpoint(service, upstream.endpoint()));
            gatehouse = installed;
            track(gatehouse).start();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /**
     * Starts everything and waits until {@code ready} holds for the stack (the adapters deploy from {@code deploy/}
     * a moment after the data port opens).
     */
    static <S extends AutoCloseable> UpstreamStack<S> start(String testName, Function<Path, S> serverStarter,
            Function<S, URI> serverEndpoint, List<String> services, Predicate<UpstreamStack<S>> ready) {
        UpstreamStack<S> stack;
        try {
            stack = new UpstreamStack<>(Files.createTempDirectory("gatehouse-e2e-" + testName + "-"), serverStarter,
                    serverEndpoint, services);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            stack.await(ready);
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

    /** The real CLI, signing with the client key, pointed at Gatehouse. */
    AwsCli cli() {
        return AwsCli.create(workDir, gatehouse.endpoint(), clientKey, REGION);
    }

    private void await(Predicate<UpstreamStack<S>> ready) {
        long deadline = System.nanoTime() + ADAPTER_READY.toNanos();
        while (System.nanoTime() < deadline && gatehouse.isRunning()) {
            if (ready.test(this)) {
                return;
            }
            FreePort.sleep(Duration.ofMillis(500));
        }
        fail("No call went through Gatehouse within " + ADAPTER_READY + "\nUpstream saw: " + upstream.requests()
                + "\nGatehouse output:\n" + gatehouse.logText());
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
