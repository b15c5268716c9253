package io.gatehouse.proxy.internal.pipeline;

import java.util.concurrent.CompletionStage;

/** The client's connection as seen by the stages that hold a call: a held call executes only for a client still there. */
@FunctionalInterface
public interface ClientConnection {

    /** A connection that is always there (for tests of the stages that hold calls). */
    ClientConnection ALWAYS_OPEN = () -> java.util.concurrent.CompletableFuture.completedFuture(true);

    /** @return a stage completing with whether the client is still connected and waiting for the answer */
    CompletionStage<Boolean> isStillOpen();
}
