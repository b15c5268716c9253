package io.gatehouse.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The one way the end-to-end tests assemble a chain: a server started in a fresh work folder, the
 * {@link SigningUpstream} in front of it, and Gatehouse from its distribution with a client key, the upstream key and
 * an endpoint file pointing each given service at the double — plus any other configuration written <em>before</em>
 * Gatehouse starts. Everything on 127.0.0.1; stopped in reverse order (the gateway's SIGTERM exit is asserted by
 * {@link GatehouseDistribution#close()}), the folder deleted unless {@code -Dgatehouse.e2e.keep=true}.
 * {@link GatewayStack} (dynalite), {@link SqsStack} (ElasticMQ) and {@link S3Stack} (s3rver) are this chain with
 * their server under its own name and a few calls of their service.
 *
 * @param <S> the server behind the double
 */
class GatewayChain<S extends AutoCloseable> implements AutoCloseable {

    static final String REGION = "us-east-1";
    private static final Duration READY = Duration.ofSeconds(60);

    final Path workDir;
    final AccessKey clientKey;
    final AccessKey upstreamKey;
    final S server;
    final SigningUpstream upstream;
    final GatehouseDistribution gatehouse;
    private final List<AutoCloseable> started;

    /**
     * What to start.
     *
     * @param name names the work folder
     * @param server starts the server in the work folder
     * @param endpoint where the server listens
     * @param services the services whose endpoint files point at the double
     * @param configure more configuration of the installed distribution, written before it starts
     * @param ready holds once calls go through (adapters deploy a moment after the data port opens)
     * @param upstreamKey the key Gatehouse re-signs with and the double checks
     * @param <S> the server behind the double
     */
    record Spec<S extends AutoCloseable>(String name, Function<Path, S> server, Function<S, URI> endpoint,
                                         List<String> services, Consumer<GatehouseDistribution> configure,
                                         Predicate<GatewayChain<S>> ready, AccessKey upstreamKey) {

        /** A chain with a random upstream key. */
        Spec(String name, Function<Path, S> server, Function<S, URI> endpoint, List<String> services,
             Consumer<GatehouseDistribution> configure, Predicate<GatewayChain<S>> ready) {
            this(name, server, endpoint, services, configure, ready, AccessKey.random("AKIAUPSTRM"));
        }
    }

    private GatewayChain(Path workDir, Spec<S> spec) {
        this.workDir = workDir;
        this.clientKey = AccessKey.random("AKIACLIENT");
        this.upstreamKey = spec.upstreamKey();
        this.started = new ArrayList<>();
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

    /** Takes over a started chain (and the closing of it) under a more specific type. */
    protected GatewayChain(GatewayChain<S> chain) {
        this.workDir = chain.workDir;
        this.clientKey = chain.clientKey;
        this.upstreamKey = chain.upstreamKey;
        this.server = chain.server;
        this.upstream = chain.upstream;
        this.gatehouse = chain.gatehouse;
        this.started = chain.started;
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
            // The caller never gets the chain to close: stop what runs now, or it outlives the build.
            try {
                chain.close();
            } catch (RuntimeException | Error suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The real CLI, signing with the client key, pointed at Gatehouse. */
    AwsCli cli() {
        return cli(clientKey);
    }

    /** The real CLI, signing with {@code key}, pointed at Gatehouse. */
    AwsCli cli(AccessKey key) {
        return AwsCli.create(workDir, gatehouse.endpoint(), key, REGION);
    }

    /**
     * Every request the upstream saw passed the double's signature check, was signed with the upstream key and
     * carries neither the client's key id nor its secret in any header.
     */
    void assertReSignedWithTheUpstreamKey(List<SigningUpstream.SeenRequest> seen) {
        assertThat(seen).allSatisfy(request -> {
            assertThat(request.verified()).as("%s", request).isTrue();
            assertThat(request.accessKeyId()).isEqualTo(upstreamKey.id());
            assertThat(request.allHeaderText()).doesNotContain(clientKey.id()).doesNotContain(clientKey.secret());
        });
    }

    private void await(Predicate<GatewayChain<S>> ready) {
        awaitAnswer("A call", Duration.ofMillis(500), () -> ready.test(this), Boolean::booleanValue);
    }

    /**
     * Repeats {@code call} every {@code every} until its answer is {@code ok} (FileInstall deploys an adapter a
     * moment after the data port opens, and applies a configuration file a moment after it is written); fails with
     * the last answer, what the upstream saw and the gateway's output after a minute or once the gateway has exited.
     */
    <R> void awaitAnswer(String what, Duration every, Supplier<R> call, Predicate<? super R> ok) {
        long deadline = System.nanoTime() + READY.toNanos();
        R last = null;
        while (System.nanoTime() < deadline && gatehouse.isRunning()) {
            last = call.get();
            if (ok.test(last)) {
                return;
            }
            FreePort.sleep(every);
        }
        fail(what + " through Gatehouse did not succeed within " + READY + "; last answer: " + last
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
        deleteTree(workDir);
    }

    /** Deletes a work folder (a distribution copy per test class); kept with -Dgatehouse.e2e.keep=true. */
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
