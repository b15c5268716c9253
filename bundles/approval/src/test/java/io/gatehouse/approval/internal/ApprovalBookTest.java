package io.gatehouse.approval.internal;

import static io.gatehouse.approval.internal.Fixtures.ALICE;
import static io.gatehouse.approval.internal.Fixtures.ALICE_AGENT;
import static io.gatehouse.approval.internal.Fixtures.BOB;
import static io.gatehouse.approval.internal.Fixtures.CAROL;
import static io.gatehouse.approval.internal.Fixtures.DAVE;
import static io.gatehouse.approval.internal.Fixtures.HASH_A;
import static io.gatehouse.approval.internal.Fixtures.HASH_B;
import static io.gatehouse.approval.internal.Fixtures.call;
import static io.gatehouse.approval.internal.Fixtures.identity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.api.approval.ApprovalView;
import io.gatehouse.api.approval.HeldCall;
import io.gatehouse.api.approval.HoldOutcome;
import io.gatehouse.api.exchange.Identity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalBookTest {

    private final Fixtures.MutableClock clock = new Fixtures.MutableClock();
    private final ChannelNotifier notifier = new ChannelNotifier(1, Duration.ofMillis(10));
    private final List<ApprovalBook> books = new ArrayList<>();
    private final ApprovalBook book = track(ApprovalBook.inMemory(Fixtures.settings(), clock, notifier));

    @TempDir
    Path folder;

    private ApprovalBook track(ApprovalBook book) {
        books.add(book);
        return book;
    }

    @AfterEach
    void close() {
        books.forEach(ApprovalBook::close);
        notifier.close();
    }

    private HoldOutcome holdNow(HeldCall call) throws Exception {
        return book.hold(call, Duration.ZERO).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void theSameCallerAndHashJoinTheSamePendingApproval() throws Exception {
        HoldOutcome first = holdNow(call(ALICE, HASH_A, 1));
        HoldOutcome retry = holdNow(call(ALICE, HASH_A, 1));

        assertThat(first.status()).isEqualTo(HoldOutcome.Status.PENDING);
        assertThat(retry.approvalId()).isEqualTo(first.approvalId());
        assertThat(first.reviewUrl()).isEqualTo("http://127.0.0.1:7701/api/v1/approvals/" + first.approvalId());
        assertThat(first.message()).contains("approvers", "1 more approval");
        assertThat(book.list(BOB, java.util.Optional.empty(), java.util.Optional.empty())).hasSize(1);
    }

    @Test
    void distinctHashesOrDistinctChainsOpenDistinctApprovals() throws Exception {
        String a = holdNow(call(ALICE, HASH_A, 1)).approvalId();
        String b = holdNow(call(ALICE, HASH_B, 1)).approvalId();
        String agent = holdNow(call(ALICE_AGENT, HASH_A, 1)).approvalId();

        assertThat(List.of(a, b, agent)).doesNotHaveDuplicates();
    }

    @Test
    void aHeldCallCompletesWhenApprovedAndRedeemsExactlyOnce() throws Exception {
        CompletableFuture<HoldOutcome> held = book.hold(call(ALICE, HASH_A, 1), Duration.ofSeconds(30))
                .toCompletableFuture();
        String id = holdNow(call(ALICE, HASH_A, 1)).approvalId();
        assertThat(held).isNotDone();

        book.approve(id, BOB);

        HoldOutcome outcome = held.get(5, TimeUnit.SECONDS);
        assertThat(outcome.status()).isEqualTo(HoldOutcome.Status.APPROVED);
        assertThat(book.redeem(id, call(ALICE_AGENT, HASH_A, 1))).as("another chain").isFalse();
        assertThat(book.redeem(id, call(ALICE, HASH_B, 1))).as("another request").isFalse();
        assertThat(book.redeem(id, call(ALICE, HASH_A, 1))).isTrue();
        assertThat(book.redeem(id, call(ALICE, HASH_A, 1))).isFalse();
        HoldOutcome next = holdNow(call(ALICE, HASH_A, 1));
        assertThat(next.status()).isEqualTo(HoldOutcome.Status.PENDING);
        assertThat(next.approvalId()).as("a later identical call needs a new approval").isNotEqualTo(id);
    }

    @Test
    void aHoldEndsPendingAfterMaxWait() throws Exception {
        HoldOutcome outcome = book.hold(call(ALICE, HASH_A, 1), Duration.ofMillis(50)).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);

        assertThat(outcome.status()).isEqualTo(HoldOutcome.Status.PENDING);
    }

    @Test
    void redeemSucceedsExactlyOnceUnderConcurrency() throws Exception {
        for (int round = 0; round < 20; round++) {
            String id = holdNow(call(ALICE, HASH_A, 1)).approvalId();
            book.approve(id, BOB);
            int threads = 16;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return book.redeem(id, call(ALICE, HASH_A, 1));
                }));
            }
            start.countDown();
            int executed = 0;
            for (Future<Boolean> result : results) {
                executed += result.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            pool.shutdown();
            assertThat(executed).as("round " + round).isEqualTo(1);
        }
    }

    @Test
    void theRequesterCannotApproveNotEvenThroughADelegatedSession() throws Exception {
        Identity aliceApprover = identity("alice", Set.of("approvers"));
        Identity aliceAgentApprover = identity("alice", Set.of("approvers"), "agent-9");
        Identity agentNamedInChain = identity("agent-1", Set.of("approvers"));
        String id = holdNow(call(ALICE_AGENT, HASH_A, 1)).approvalId();

        assertThatThrownBy(() -> book.approve(id, aliceApprover)).isInstanceOf(ReviewException.class)
                .hasMessageContaining("neither the requester nor anyone in its delegation chain");
        assertThatThrownBy(() -> book.approve(id, aliceAgentApprover)).isInstanceOf(ReviewException.class)
                .hasMessageContaining("neither the requester nor anyone in its delegation chain");
        assertThatThrownBy(() -> book.approve(id, agentNamedInChain)).isInstanceOf(ReviewException.class)
                .hasMessageContaining("neither the requester nor anyone in its delegation chain");
        assertThat(book.get(id, BOB).status()).isEqualTo(ApprovalView.Status.PENDING);
        assertThat(book.get(id, BOB).reviews()).isEmpty();
    }

    @Test
    void aReviewerOutsideTheApproverGroupsOrOnADelegatedSessionIsRefused() throws Exception {
        String id = holdNow(call(ALICE, HASH_A, 1)).approvalId();
        Identity bobsAgent = identity("bob", Set.of("approvers"), "bob-bot");

        assertThatThrownBy(() -> book.approve(id, DAVE)).isInstanceOf(ReviewException.class)
                .satisfies(e -> assertThat(((ReviewException) e).status()).isEqualTo(403))
                .hasMessageContaining("in none of them");
        assertThatThrownBy(() -> book.approve(id, bobsAgent)).isInstanceOf(ReviewException.class)
                .hasMessageContaining("delegated");
        assertThat(book.get(id, BOB).status()).isEqualTo(ApprovalView.Status.PENDING);
    }

    @Test
    void twoOfTwoCountsTheSameReviewerOnce() throws Exception {
        String id = holdNow(call(ALICE, HASH_A, 2)).approvalId();

        book.approve(id, BOB);
        assertThatThrownBy(() -> book.approve(id, BOB)).isInstanceOf(ReviewException.class)
                .satisfies(e -> assertThat(((ReviewException) e).status()).isEqualTo(409));
        assertThat(book.get(id, BOB).status()).isEqualTo(ApprovalView.Status.PENDING);
        assertThat(book.redeem(id, call(ALICE, HASH_A, 2))).isFalse();

        ApprovalView approved = book.approve(id, CAROL);
        assertThat(approved.status()).isEqualTo(ApprovalView.Status.APPROVED);
        assertThat(approved.reviews()).extracting(ApprovalView.Review::reviewer).containsExactly("bob", "carol");
    }

    @Test
    void concurrentApproveAndDenyAlwaysEndDenied() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 300; round++) {
                String id = holdNow(call(ALICE, "%064x".formatted(round), 1)).approvalId();
                CountDownLatch start = new CountDownLatch(1);
                Future<?> approve = pool.submit(() -> {
                    start.await();
                    try {
                        book.approve(id, BOB);
                    } catch (ReviewException e) {
                        // denied first: approving a denied approval is a conflict
                    }
                    return null;
                });
                Future<?> deny = pool.submit(() -> {
                    start.await();
                    return book.deny(id, CAROL, "not today");
                });
                start.countDown();
                approve.get(10, TimeUnit.SECONDS);
                deny.get(10, TimeUnit.SECONDS);
                assertThat(book.get(id, BOB).status()).as("round " + round).isEqualTo(ApprovalView.Status.DENIED);
                assertThat(book.redeem(id, call(ALICE, "%064x".formatted(round), 1))).isFalse();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aDeniedCallAnswersDeniedToItsRetriesAndItsHeldCalls() throws Exception {
        CompletableFuture<HoldOutcome> held = book.hold(call(ALICE, HASH_A, 1), Duration.ofSeconds(30))
                .toCompletableFuture();
        String id = holdNow(call(ALICE, HASH_A, 1)).approvalId();

        book.deny(id, BOB, "use the staging table");

        assertThat(held.get(5, TimeUnit.SECONDS).status()).isEqualTo(HoldOutcome.Status.DENIED);
        HoldOutcome retry = holdNow(call(ALICE, HASH_A, 1));
        assertThat(retry.status()).isEqualTo(HoldOutcome.Status.DENIED);
        assertThat(retry.approvalId()).isEqualTo(id);
        assertThat(retry.message()).contains("bob").contains("use the staging table");
    }

    @Test
    void pendingApprovalsExpireAndApprovedOnesMustBeUsedInTime() throws Exception {
        String pending = holdNow(call(ALICE, HASH_A, 1)).approvalId();
        String approved = holdNow(call(ALICE, HASH_B, 1)).approvalId();
        book.approve(approved, BOB);

        clock.advance(Duration.ofMinutes(15));

        assertThat(book.get(pending, BOB).status()).isEqualTo(ApprovalView.Status.EXPIRED);
        assertThatThrownBy(() -> book.approve(pending, BOB)).isInstanceOf(ReviewException.class);
        assertThat(book.redeem(approved, call(ALICE, HASH_B, 1))).as("approved 15 minutes ago").isFalse();
        assertThat(book.get(approved, BOB).status()).isEqualTo(ApprovalView.Status.EXPIRED);
        HoldOutcome again = holdNow(call(ALICE, HASH_A, 1));
        assertThat(again.approvalId()).isNotEqualTo(pending);
        assertThat(again.status()).isEqualTo(HoldOutcome.Status.PENDING);
    }

    @Test
    void cancellingAHeldCallKeepsTheApproval() throws Exception {
        CompletableFuture<HoldOutcome> held = book.hold(call(ALICE, HASH_A, 1), Duration.ofSeconds(30))
                .toCompletableFuture();
        held.cancel(false);
        String id = holdNow(call(ALICE, HASH_A, 1)).approvalId();

        book.approve(id, BOB);

        HoldOutcome retry = holdNow(call(ALICE, HASH_A, 1));
        assertThat(retry.status()).isEqualTo(HoldOutcome.Status.APPROVED);
        assertThat(retry.approvalId()).isEqualTo(id);
        assertThat(book.redeem(id, call(ALICE, HASH_A, 1))).isTrue();
    }

    @Test
    void pendingApprovalsAreBoundedPerCallerAndInTotal() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(holdNow(call(ALICE, "%064x".formatted(i), 1)).status()).isEqualTo(HoldOutcome.Status.PENDING);
        }
        HoldOutcome refused = holdNow(call(ALICE, "%064x".formatted(3), 1));
        assertThat(refused.status()).isEqualTo(HoldOutcome.Status.DENIED);
        assertThat(refused.approvalId()).isEmpty();
        assertThat(refused.message()).contains("alice already has 3 approvals pending");
        assertThat(holdNow(call(ALICE, "%064x".formatted(0), 1)).status()).as("joining is not opening")
                .isEqualTo(HoldOutcome.Status.PENDING);

        holdNow(call(DAVE, HASH_A, 1));
        holdNow(call(DAVE, HASH_B, 1));
        HoldOutcome full = holdNow(call(identity("erin", Set.of()), HASH_A, 1));
        assertThat(full.status()).isEqualTo(HoldOutcome.Status.DENIED);
        assertThat(full.message()).contains("5 pending approvals");
    }

    @Test
    void onlyTheRequesterAndApproverGroupsSeeAnApproval() throws Exception {
        String id = holdNow(call(ALICE, HASH_A, 1)).approvalId();

        assertThat(book.get(id, ALICE).id()).isEqualTo(id);
        assertThat(book.get(id, BOB).id()).isEqualTo(id);
        assertThatThrownBy(() -> book.get(id, DAVE)).isInstanceOf(ReviewException.class)
                .satisfies(e -> assertThat(((ReviewException) e).status()).isEqualTo(404));
        assertThat(book.list(DAVE, java.util.Optional.empty(), java.util.Optional.empty())).isEmpty();
    }

    @Test
    void aRestartKeepsPendingAndApprovedStateAndExecutesNothing() throws Exception {
        Path journal = folder.resolve("approvals/journal");
        ApprovalBook first = track(ApprovalBook.open(Fixtures.settings(), clock, notifier, journal));
        String approved = first.hold(call(ALICE, HASH_A, 1), Duration.ZERO).toCompletableFuture().get().approvalId();
        String pending = first.hold(call(ALICE, HASH_B, 2), Duration.ZERO).toCompletableFuture().get().approvalId();
        first.approve(approved, BOB);
        first.approve(pending, BOB);
        first.close();
        java.nio.file.Files.writeString(journal, "{\"id\":\"ap-cut", java.nio.file.StandardOpenOption.APPEND);

        ApprovalBook second = track(ApprovalBook.open(Fixtures.settings(), clock, notifier, journal));

        assertThat(second.get(approved, BOB).status()).isEqualTo(ApprovalView.Status.APPROVED);
        assertThat(second.get(pending, BOB).reviews()).extracting(ApprovalView.Review::reviewer)
                .containsExactly("bob");
        HoldOutcome retry = second.hold(call(ALICE, HASH_A, 1), Duration.ZERO).toCompletableFuture().get();
        assertThat(retry.status()).isEqualTo(HoldOutcome.Status.APPROVED);
        assertThat(retry.approvalId()).isEqualTo(approved);
        assertThat(second.redeem(approved, call(ALICE, HASH_A, 1))).isTrue();
        second.approve(pending, CAROL);
        second.close();

        ApprovalBook third = track(ApprovalBook.open(Fixtures.settings(), clock, notifier, journal));
        assertThat(third.redeem(approved, call(ALICE, HASH_A, 1))).as("used before the restart").isFalse();
        assertThat(third.get(pending, BOB).status()).isEqualTo(ApprovalView.Status.APPROVED);
    }

    @Test
    void stoppingTheGateAnswersHeldCallsInsteadOfLeavingThemHanging() throws Exception {
        ApprovalBook other = ApprovalBook.inMemory(Fixtures.settings(), clock, notifier);
        CompletableFuture<HoldOutcome> held = other.hold(call(ALICE, HASH_A, 1), Duration.ofMinutes(5))
                .toCompletableFuture();

        other.close();

        assertThat(held.get(5, TimeUnit.SECONDS).status()).isEqualTo(HoldOutcome.Status.PENDING);
    }

    @Test
    void concurrentRetriesOfOneCallOpenExactlyOneApproval() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                ids.add(pool.submit(() -> {
                    start.await();
                    return book.hold(call(ALICE, HASH_A, 1), Duration.ofMillis(20)).toCompletableFuture()
                            .get(5, TimeUnit.SECONDS).approvalId();
                }));
            }
            start.countDown();
            java.util.Set<String> distinct = new java.util.HashSet<>();
            for (Future<String> id : ids) {
                distinct.add(id.get(10, TimeUnit.SECONDS));
            }
            assertThat(distinct).hasSize(1);
            assertThat(book.list(BOB, java.util.Optional.empty(), java.util.Optional.empty())).hasSize(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aCallDifferingInAnyHexDigitOfItsHashNeverRedeemsTheApproval() throws Exception {
        String id = holdNow(call(ALICE, HASH_A, 1)).approvalId();
        book.approve(id, BOB);

        for (int position = 0; position < 64; position++) {
            for (char digit : "0123456789bcdef".toCharArray()) {
                String other = HASH_A.substring(0, position) + digit + HASH_A.substring(position + 1);
                assertThat(book.redeem(id, call(ALICE, other, 1))).as(other).isFalse();
            }
        }
        assertThat(book.redeem(id, call(ALICE, HASH_A, 1))).isTrue();
    }

    @Test
    void theJournalIsCompactedWhileRunningAndStillReadsBack() throws Exception {
        Path journal = folder.resolve("approvals/journal");
        ApprovalBook running = track(ApprovalBook.open(Fixtures.settings(), clock, notifier, journal));
        for (int i = 0; i < 550; i++) {
            String id = running.hold(call(DAVE, "%064x".formatted(i), 1), Duration.ZERO).toCompletableFuture().get()
                    .approvalId();
            running.deny(id, BOB, "no");
        }
        long before = java.nio.file.Files.readAllLines(journal).size();
        clock.advance(Duration.ofHours(25));
        String kept = running.hold(call(ALICE, HASH_A, 1), Duration.ZERO).toCompletableFuture().get().approvalId();
        running.approve(kept, BOB);

        running.sweep();
        running.close();

        assertThat(before).isGreaterThanOrEqualTo(1100);
        assertThat(java.nio.file.Files.readAllLines(journal)).hasSizeLessThan(5);
        ApprovalBook reopened = track(ApprovalBook.open(Fixtures.settings(), clock, notifier, journal));
        assertThat(reopened.get(kept, BOB).status()).isEqualTo(ApprovalView.Status.APPROVED);
        assertThat(reopened.list(BOB, java.util.Optional.empty(), java.util.Optional.empty())).hasSize(1);
    }
}
