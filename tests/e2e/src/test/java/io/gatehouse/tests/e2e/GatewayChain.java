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
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The shared shape of the end-to-end chains: a server started in a fresh work folder, the {@link SigningUpstream}
 * in front of it, and Gatehouse from its distribution with a client key, the upstream key and an endpoint file
 * pointing each given service at the double — plus any other configuration written <em>before</em> Gatehouse
 * starts. Everything on 127.0.0.1; stopped in reverse order, the folder deleted unless
 * {@code -Dgatehouse.e2e.keep=true}. New stacks build on this; {@code GatewayStack}, {@code SqsStack},
 * {@code S3Stack} and {@code UpstreamStack} predate it.
 *
 * @param <S> the server behind the double
 */
final class GatewayChain<S extends AutoCloseable> implements AutoCloseable {

    static final String REGION = GatewayStack.REGION;
    private static final Duration READY = Duration.ofSeconds(60);

    final Path workDir;
    final AccessKey clientKey = AccessKey.random("AKIACLIENT");
    final AccessKey upstreamKey = AccessKey.random("AKIAUPSTRM");
    final S server;
    final SigningUpstream upstream;
    final GatehouseDistribution gatehouse;
    private final List<AutoCloseable> started = new ArrayList<>();

    /**
     * What to start.
     *
     * @param name names the work folder
     * @param server starts the server in the work folder
     * @param endpoint where the server listens
     * @param services the services whose endpoint files point at the double
     * @param configure more configuration of the installed distribution, written before it starts
     * @param ready holds once calls go through (adapters deploy a moment after the data port opens)
     * @param <S> the server behind the double
     */
    record Spec<S extends AutoCloseable>(String name, Function<Path, S> server, Function<S, URI> endpoint,
                                         List<String> services, Consumer<GatehouseDistribution> configure,
                                         Predicate<GatewayChain<S>> ready) {
    }

    private GatewayChain(Path workDir, Spec<S> spec) {
        this.workDir = workDir;
        try {
            server = track(spec.server().apply(workDir));
            upstream = track(SigningUpstream.start(spec.endpoint().apply(server), upstreamKey));
            GatehouseDistribution installed = GatehouseDistribution.install(workDir)
                    .clientKey("e2e", clientKey, "e2e-client")
                    .upstreamKey(upstreamKey);
            spec.services().forEach(service -> installed.endpoint(service, upstream.endpoint()));
            spec.configure().accept(installed);
            gatehouse = installed;
            track(gatehouse).start();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Starts the chain and waits until {@code spec.ready()} holds; stops everything if it does not. */
    static <S extends AutoCloseable> GatewayChain<S> start(Spec<S> spec) {
        GatewayChain<S> chain;
        try {
            chain = new GatewayChain<>(Files.createTempDirectory("gatehouse-e2e-" + spec.name() + "-"), spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            chain.await(spec.ready());
            return chain;
        } catch (RuntimeException | Error e) {
            try {
                chain.close();
            } catch (RuntimeException | Error suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private void await(Predicate<GatewayChain<S>> ready) {
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline && gatehouse.isRunning()) {
            if (ready.test(this)) {
                return;
            }
            FreePort.sleep(Duration.ofMillis(500));
        }
        fail("No call went through Gatehouse within " + READY + "\nUpstream saw: " + upstream.requests()
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
