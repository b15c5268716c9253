package io.gatehouse.tests.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The addresses TCP ports listen on, read from Linux's {@code /proc/net/tcp} and {@code /proc/net/tcp6} (what
 * {@code ss -ltn} shows), so that a test can prove a server it started binds loopback only.
 */
final class LoopbackListeners {

    private static final String LISTEN = "0A";
    /** 127.0.0.1 (little-endian), ::1 and ::ffff:127.0.0.1 as /proc writes them. */
    private static final Set<String> LOOPBACK = Set.of("0100007F", "00000000000000000000000001000000",
            "0000000000000000FFFF00000100007F");

    private LoopbackListeners() {
    }

    /** One listening socket: its local address as /proc writes it (hex), and whether that is loopback. */
    record Listener(int port, String address, boolean loopback) {
        @Override
        public String toString() {
            return address + ":" + port + (loopback ? " (loopback)" : " (NOT loopback)");
        }
    }

    /** @return every listening socket on {@code port}, IPv4 and IPv6 */
    static List<Listener> on(int port) {
        List<Listener> listeners = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            try {
                List<String> lines = Files.readAllLines(file);
                for (String line : lines.subList(1, lines.size())) {
                    String[] fields = line.trim().split("\\s+");
                    String[] local = fields[1].split(":");
                    if (fields[3].equals(LISTEN) && Integer.parseInt(local[1], 16) == port) {
                        String address = local[0].toUpperCase(Locale.ROOT);
                        listeners.add(new Listener(port, address, LOOPBACK.contains(address)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return listeners;
    }
}
