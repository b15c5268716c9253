package io.gatehouse.tests.e2e;

import java.nio.file.Path;

/** Stops what a test class started, in the order given, whatever fails on the way. */
final class Closing {

    private Closing() {
    }

    /**
     * Closes every resource that is not {@code null}, in order, each one even when an earlier one failed; then throws
     * the first failure (unchecked as it was, or as an {@link AssertionError}) with the later ones suppressed.
     */
    static void all(AutoCloseable... resources) {
        Throwable first = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception | Error e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (first instanceof Error error) {
            throw error;
        }
        if (first != null) {
            throw new AssertionError("cannot stop", first);
        }
    }

    /** Deletes {@code dir} with {@link GatewayChain#deleteTree} when closed; {@code null} for no folder. */
    static AutoCloseable folder(Path dir) {
        return dir == null ? null : () -> GatewayChain.deleteTree(dir);
    }
}
