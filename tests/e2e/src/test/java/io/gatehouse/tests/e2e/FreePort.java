package io.gatehouse.tests.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Loopback ports for the servers a test starts, and waiting for them to listen. */
final class FreePort {

    private FreePort() {
    }

    /** A port on 127.0.0.1 that nothing listened on a moment ago. */
    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until 127.0.0.1:port accepts connections.
     *
     * @param alive while false, waiting stops at once (the server process died)
     * @return true once listening, false on timeout or death
     */
    static boolean awaitListening(int port, Duration timeout, BooleanSupplier alive) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && alive.getAsBoolean()) {
            if (isListening(port)) {
                return true;
            }
            sleep(Duration.ofMillis(50));
        }
        return false;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
