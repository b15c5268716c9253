package io.gatehouse.tests.e2e;

import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Prints the gateway's output and what the upstream saw when a test fails: the first thing to read. */
final class DumpLogsOnFailure implements TestWatcher {

    private final Supplier<? extends GatewayChain<?>> stack;

    DumpLogsOnFailure(Supplier<? extends GatewayChain<?>> stack) {
        this.stack = stack;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        GatewayChain<?> current = stack.get();
        if (current == null) {
            return;
        }
        System.out.println("=== " + context.getDisplayName() + " failed; Gatehouse output:\n"
                + current.gatehouse.logText());
        System.out.println("=== upstream saw:");
        current.upstream.requests().forEach(System.out::println);
    }
}
