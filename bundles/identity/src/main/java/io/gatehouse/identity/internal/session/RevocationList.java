package io.gatehouse.identity.internal.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Revoked session ids, each kept until the longest-lived session that could name it (itself or a descendant) has
 * ended. A session is refused when it or any of its ancestors is on the list, so revoking a session revokes its
 * whole subtree at once. With a file, every revocation is appended and forced to disk before {@link #revoke}
 * returns, and the file is read back at start: a restart never brings a revoked session back. Several nodes need a
 * shared store (not yet available).
 */
public final class RevocationList {

    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Optional<Path> file;

    /** @param clock judges when entries can be forgotten */
    public RevocationList(Clock clock) {
        this.clock = clock;
        this.file = Optional.empty();
    }

    /**
     * A durable list: reads the revocations in {@code file} (lines of {@code sessionId keepUntilEpochSeconds}) and
     * appends every new one to it.
     *
     * @param clock judges when entries can be forgotten
     * @param file where revocations are kept
     * @throws IOException when the file exists but cannot be read
     */
    public RevocationList(Clock clock, Path file) throws IOException {
        this.clock = clock;
        this.file = Optional.of(file);
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                load(line.trim());
            }
        }
    }

    private void load(String line) {
        String[] parts = line.split(" ");
        if (parts.length == 2 && !parts[0].isEmpty() && parts[1].matches("-?\\d{1,19}")) {
            Instant until = Instant.ofEpochSecond(Long.parseLong(parts[1]));
            if (until.isAfter(clock.instant())) {
                revoked.merge(parts[0], until, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
    }

    /**
     * @param sessionId the session to revoke, with all its descendants
     * @param keepUntil when no session naming it can still be valid
     */
    public void revoke(String sessionId, Instant keepUntil) {
        file.ifPresent(path -> append(path, sessionId + " " + keepUntil.getEpochSecond() + "\n"));
        revoked.merge(sessionId, keepUntil, (a, b) -> a.isAfter(b) ? a : b);
        Instant now = clock.instant();
        revoked.values().removeIf(until -> until.isBefore(now));
    }

    /**
     * @param sessionIds a session and its ancestors
     * @return the first of them that is revoked, if any
     */
    public java.util.Optional<String> revokedAmong(Collection<String> sessionIds) {
        return sessionIds.stream().filter(revoked::containsKey).findFirst();
    }

    private static synchronized void append(Path path, String line) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the revocation in " + path, e);
        }
    }
}
