package io.gatehouse.approval.internal;

import static io.gatehouse.approval.internal.Fixtures.ALICE;
import static io.gatehouse.approval.internal.Fixtures.BOB;
import static io.gatehouse.approval.internal.Fixtures.HASH_A;
import static io.gatehouse.approval.internal.Fixtures.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.api.approval.ApprovalChannel;
import io.gatehouse.api.approval.ApprovalView;
import io.gatehouse.api.approval.HoldOutcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Channels are told asynchronously; one that throws is retried, one that hangs blocks nothing. */
class ChannelNotifierTest {

    @Test
    void aThrowingChannelIsRetriedAndAHangingOneBlocksNeitherTheGateNorOtherChannels() throws Exception {
        Fixtures.MutableClock clock = new Fixtures.MutableClock();
        ChannelNotifier notifier = new ChannelNotifier(4, Duration.ofMillis(20));
        ApprovalBook book = ApprovalBook.inMemory(Fixtures.settings(), clock, notifier);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger attempts = new AtomicInteger();
        List<String> delivered = new CopyOnWriteArrayList<>();
        notifier.add(new ApprovalChannel() {
            @Override
            public void announce(ApprovalView approval) throws Exception {
                release.await();
            }

            @Override
            public void resolved(ApprovalView approval) throws Exception {
                release.await();
            }
        }, "hanging");
        notifier.add(new ApprovalChannel() {
            @Override
            public void announce(ApprovalView approval) {
                if (attempts.incrementAndGet() < 3) {
                    throw new IllegalStateException("chat is down");
                }
                delivered.add("announce " + approval.id());
            }

            @Override
            public void resolved(ApprovalView approval) {
                delivered.add("resolved " + approval.id() + " " + approval.status());
            }
        }, "flaky");
        try {
            long started = System.nanoTime();
            HoldOutcome outcome = book.hold(call(ALICE, HASH_A, 1), Duration.ZERO).toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            book.approve(outcome.approvalId(), BOB);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

            long deadline = System.currentTimeMillis() + 5000;
            while (delivered.size() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertThat(attempts.get()).isEqualTo(3);
            assertThat(delivered).containsExactlyInAnyOrder("announce " + outcome.approvalId(),
                    "resolved " + outcome.approvalId() + " APPROVED");
            assertThat(book.redeem(outcome.approvalId(), call(ALICE, HASH_A, 1))).isTrue();
        } finally {
            release.countDown();
            book.close();
            notifier.close();
        }
    }
}
