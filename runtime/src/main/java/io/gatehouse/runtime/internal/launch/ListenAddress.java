package io.gatehouse.runtime.internal.launch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Where a plane listens, as configured.
 *
 * @param plane "data plane" or "control plane"
 * @param host the configured host (may be 0.0.0.0)
 * @param port the port
 * @param configuredIn the file and keys that set them, for messages
 */
public record ListenAddress(String plane, String host, int port, String configuredIn) {

    /** @return the address as a URL prefix, e.g. {@code http://127.0.0.1:7700} */
    public String url() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Checks that nothing listens on the address yet, so that a port in use is a clear error before startup.
     *
     * @return the error message, or empty when the port is free
     */
    public Optional<String> checkFree() {
        if (port < 1 || port > 65535) {
            return Optional.of("the " + plane + " port is not valid (" + configuredIn + ")");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(host + ":" + port + " (" + plane + ", " + configuredIn + ") cannot be used: "
                    + e.getMessage() + ". Stop what listens there or choose another port.");
        }
    }

    /**
     * Waits until the address accepts TCP connections.
     *
     * @param timeout how long to wait at most
     * @param keepWaiting false ends the wait early (e.g. the framework stopped)
     * @return whether it accepts connections
     */
    public boolean awaitAccepting(Duration timeout, BooleanSupplier keepWaiting) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (keepWaiting.getAsBoolean()) {
            if (accepts()) {
                return true;
            }
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private boolean accepts() {
        String target = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
