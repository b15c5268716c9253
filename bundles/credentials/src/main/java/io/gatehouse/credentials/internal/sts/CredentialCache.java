package io.gatehouse.credentials.internal.sts;

import io.gatehouse.api.credentials.CredentialException;
import io.gatehouse.api.credentials.UpstreamCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Credentials per {@link SessionRequest}, used until {@code margin} before they expire and never after. Concurrent
 * requests for the same key share one load (single flight); a failed load is not remembered, so the next call tries
 * again. At most {@code maxEntries} keys are kept: beyond that, expired entries go first, then those expiring
 * soonest.
 */
final class CredentialCache {

    private final Clock clock;
    private final Duration margin;
    private final int maxEntries;
    private final Map<SessionRequest, CompletableFuture<UpstreamCredentials>> entries = new ConcurrentHashMap<>();

    /**
     * @param clock the time credentials are judged by
     * @param margin credentials expiring within it are never returned
     * @param maxEntries the most keys kept
     */
    CredentialCache(Clock clock, Duration margin, int maxEntries) {
        this.clock = clock;
        this.margin = margin;
        this.maxEntries = maxEntries;
    }

    /**
     * @param key what the credentials are for
     * @param loader obtains fresh credentials; called at most once at a time per key
     * @return a stage completing with credentials valid for longer than the margin, or exceptionally
     */
    CompletableFuture<UpstreamCredentials> get(SessionRequest key,
                                               Function<SessionRequest, CompletableFuture<UpstreamCredentials>> loader) {
        while (true) {
            CompletableFuture<UpstreamCredentials> existing = entries.get(key);
            if (existing != null) {
                if (!existing.isDone() || usable(existing)) {
                    return existing.copy();
                }
                entries.remove(key, existing);
                continue;
            }
            CompletableFuture<UpstreamCredentials> flight = new CompletableFuture<>();
            if (entries.putIfAbsent(key, flight) != null) {
                continue;
            }
            evictIfFull();
            load(key, loader, flight);
            return flight.copy();
        }
    }

    /**
     * Completes every load still in flight exceptionally and forgets everything, for a broker that stops: nobody
     * waits for an AssumeRole that will never be made.
     *
     * @param reason what the waiting calls are told
     */
    void close(CredentialException reason) {
        entries.forEach((key, entry) -> {
            entries.remove(key, entry);
            entry.completeExceptionally(reason);
        });
    }

    /** @return how many keys are held now */
    int size() {
        return entries.size();
    }

    private void load(SessionRequest key, Function<SessionRequest, CompletableFuture<UpstreamCredentials>> loader,
                      CompletableFuture<UpstreamCredentials> flight) {
        CompletableFuture<UpstreamCredentials> loading;
        try {
            loading = loader.apply(key);
        } catch (RuntimeException e) {
            loading = CompletableFuture.failedFuture(e);
        }
        loading.whenComplete((credentials, error) -> {
            if (error != null) {
                entries.remove(key, flight);
                flight.completeExceptionally(error);
            } else if (!fresh(credentials)) {
                entries.remove(key, flight);
                flight.completeExceptionally(new CredentialException("STS returned credentials for "
                        + key.roleArn() + " that expire at " + credentials.expiration().map(Instant::toString)
                        .orElse("an unknown time") + ", within the refresh margin of " + margin.toSeconds()
                        + " s; check the gateway's clock and duration.seconds", null));
            } else {
                flight.complete(credentials);
            }
        });
    }

    private boolean usable(CompletableFuture<UpstreamCredentials> entry) {
        return !entry.isCompletedExceptionally() && !entry.isCancelled() && fresh(entry.join());
    }

    private boolean fresh(UpstreamCredentials credentials) {
        return credentials.expiration().map(expiry -> clock.instant().plus(margin).isBefore(expiry)).orElse(false);
    }

    private synchronized void evictIfFull() {
        if (entries.size() <= maxEntries) {
            return;
        }
        entries.forEach((key, entry) -> {
            if (entry.isDone() && !usable(entry)) {
                entries.remove(key, entry);
            }
        });
        if (entries.size() <= maxEntries) {
            return;
        }
        entries.entrySet().stream()
                .filter(entry -> entry.getValue().isDone() && !entry.getValue().isCompletedExceptionally())
                .sorted(Comparator.comparing(entry -> entry.getValue().join().expiration().orElse(Instant.MIN)))
                .limit(Math.max(0, entries.size() - maxEntries))
                .toList()
                .forEach(entry -> entries.remove(entry.getKey(), entry.getValue()));
    }
}
