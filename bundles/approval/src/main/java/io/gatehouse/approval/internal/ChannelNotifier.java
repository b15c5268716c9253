package io.gatehouse.approval.internal;

import io.gatehouse.api.approval.ApprovalChannel;
import io.gatehouse.api.approval.ApprovalView;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every registered {@link ApprovalChannel} about approvals, on its own threads: the caller (the gate, under
 * its lock or on the request path) never waits. A channel that throws is retried with exponential back-off up to
 * {@code attempts} times; one that hangs holds one delivery thread (at most {@value #MAX_THREADS} run at once).
 */
public final class ChannelNotifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelNotifier.class);
    private static final int MAX_THREADS = 8;

    private final Map<ApprovalChannel, String> channels = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retries;
    private final ExecutorService deliveries;
    private final int attempts;
    private final Duration backoff;

    /**
     * @param attempts how often a notice is tried at most (at least 1)
     * @param backoff the wait before the second attempt; it doubles for each further one
     */
    public ChannelNotifier(int attempts, Duration backoff) {
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
        AtomicInteger count = new AtomicInteger();
        this.retries = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "gatehouse-approval-retry"));
        this.deliveries = new ThreadPoolExecutor(0, MAX_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> daemon(r, "gatehouse-approval-channel-" + count.incrementAndGet()));
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * @param channel a channel to notify from now on
     * @param name its name, for the log
     */
    public void add(ApprovalChannel channel, String name) {
        channels.put(channel, name);
    }

    /** @param channel a channel to notify no more (deliveries under way finish or give up) */
    public void remove(ApprovalChannel channel) {
        channels.remove(channel);
    }

    /** @param view a new pending approval */
    public void announce(ApprovalView view) {
        channels.forEach((channel, name) -> deliver(channel, name, view, true, 1));
    }

    /** @param view an approval in its decided state */
    public void resolved(ApprovalView view) {
        channels.forEach((channel, name) -> deliver(channel, name, view, false, 1));
    }

    private void deliver(ApprovalChannel channel, String name, ApprovalView view, boolean announce, int attempt) {
        try {
            deliveries.execute(() -> {
                if (!channels.containsKey(channel)) {
                    return;
                }
                try {
                    if (announce) {
                        channel.announce(view);
                    } else {
                        channel.resolved(view);
                    }
                } catch (Exception | LinkageError e) {
                    retry(channel, name, view, announce, attempt, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            retry(channel, name, view, announce, attempt, "every delivery thread is busy");
        }
    }

    private void retry(ApprovalChannel channel, String name, ApprovalView view, boolean announce, int attempt,
                       String why) {
        String what = (announce ? "announce " : "resolution ") + view.id() + " (" + view.status() + ")";
        if (attempt >= attempts) {
            LOG.warn("Approval channel {} failed to deliver {} {} times, giving up (the approval is unaffected; "
                    + "reviewers still see it in the control API): {}", name, what, attempt, why);
            return;
        }
        long wait = backoff.toMillis() << Math.min(attempt - 1, 20);
        LOG.warn("Approval channel {} failed to deliver {} (attempt {} of {}), retrying in {} ms: {}", name, what,
                attempt, attempts, wait, why);
        try {
            retries.schedule(() -> deliver(channel, name, view, announce, attempt + 1), wait, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.warn("Approval channel {}: {} dropped, the gate is stopping", name, what);
        }
    }

    @Override
    public void close() {
        retries.shutdownNow();
        deliveries.shutdownNow();
    }
}
