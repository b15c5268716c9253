package io.gatehouse.approval.internal;

import static io.gatehouse.approval.internal.Fixtures.ALICE;
import static io.gatehouse.approval.internal.Fixtures.BOB;
import static io.gatehouse.approval.internal.Fixtures.DAVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.api.approval.ApprovalView;
import io.gatehouse.api.policy.PolicyRule;
import io.gatehouse.api.policy.RuleSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GrantsTest {

    private final Fixtures.MutableClock clock = new Fixtures.MutableClock();
    private final ChannelNotifier notifier = new ChannelNotifier(1, Duration.ofMillis(10));
    private final ApprovalBook book = ApprovalBook.inMemory(Fixtures.settings(), clock, notifier);

    @AfterEach
    void close() {
        book.close();
        notifier.close();
    }

    private static GrantRequest request(Duration duration) throws ReviewException {
        return GrantRequest.validated(List.of("dynamodb:DeleteItem"),
                List.of("arn:aws:dynamodb:eu-west-1:000000000000:table/Orders"), duration, "incident 42");
    }

    @Test
    void anApprovedGrantIsAnAllowRuleForExactlyTheGranteeUntilItEnds() throws Exception {
        RuleSet before = book.grantRules();
        ApprovalView grant = book.requestGrant(ALICE, request(Duration.ofMinutes(30)));
        assertThat(grant.status()).isEqualTo(ApprovalView.Status.PENDING);
        assertThat(book.grantRules().rules()).as("pending grants allow nothing").isEmpty();

        clock.advance(Duration.ofMinutes(5));
        book.approve(grant.id(), BOB);

        RuleSet active = book.grantRules();
        assertThat(active.source()).isEqualTo("grants");
        assertThat(active.version()).isNotEqualTo(before.version());
        assertThat(active.rules()).hasSize(1);
        PolicyRule rule = active.rules().get(0);
        assertThat(rule.effect()).isEqualTo(PolicyRule.Effect.ALLOW);
        assertThat(rule.principals().subjects()).containsExactly("alice");
        assertThat(rule.principals().groups()).isEmpty();
        assertThat(rule.actions()).containsExactly("dynamodb:DeleteItem");
        assertThat(rule.resources()).containsExactly("arn:aws:dynamodb:eu-west-1:000000000000:table/Orders");
        assertThat(rule.notBefore()).contains(Fixtures.START.plus(Duration.ofMinutes(5)));
        assertThat(rule.notAfter()).contains(Fixtures.START.plus(Duration.ofMinutes(35)));

        clock.advance(Duration.ofMinutes(30));

        RuleSet ended = book.grantRules();
        assertThat(ended.rules()).isEmpty();
        assertThat(ended.version()).isNotEqualTo(active.version());
        assertThat(book.get(grant.id(), ALICE).status()).isEqualTo(ApprovalView.Status.EXPIRED);
    }

    @Test
    void theGranteeOrAnApproverRevokesAndTheRuleIsGoneAtOnce() throws Exception {
        ApprovalView grant = book.requestGrant(ALICE, request(Duration.ofMinutes(30)));
        book.approve(grant.id(), BOB);
        assertThat(book.grantRules().rules()).hasSize(1);

        assertThatThrownBy(() -> book.revokeGrant(grant.id(), DAVE)).isInstanceOf(ReviewException.class);
        ApprovalView revoked = book.revokeGrant(grant.id(), ALICE);

        assertThat(revoked.status()).isEqualTo(ApprovalView.Status.REVOKED);
        assertThat(book.grantRules().rules()).isEmpty();
        assertThatThrownBy(() -> book.revokeGrant(grant.id(), BOB)).isInstanceOf(ReviewException.class)
                .satisfies(e -> assertThat(((ReviewException) e).status()).isEqualTo(409));
    }

    @Test
    void theGranteeCannotApproveItsOwnGrantAndTheSameAskJoins() throws Exception {
        ApprovalView grant = book.requestGrant(Fixtures.identity("alice", java.util.Set.of("approvers")),
                request(Duration.ofMinutes(30)));
        ApprovalView again = book.requestGrant(ALICE, request(Duration.ofMinutes(30)));

        assertThat(again.id()).isEqualTo(grant.id());
        assertThatThrownBy(() -> book.approve(grant.id(), Fixtures.identity("alice", java.util.Set.of("approvers"))))
                .isInstanceOf(ReviewException.class).hasMessageContaining("requester");
        assertThat(book.grantRules().rules()).isEmpty();
    }

    @Test
    void aGrantLongerThanTheMaximumOrMalformedIsRefused() {
        assertThatThrownBy(() -> book.requestGrant(ALICE, request(Duration.ofHours(3))))
                .isInstanceOf(ReviewException.class).hasMessageContaining("at most PT2H");
        assertThatThrownBy(() -> GrantRequest.validated(List.of("not an action"), List.of("*"),
                Duration.ofMinutes(5), "x")).isInstanceOf(ReviewException.class);
        assertThatThrownBy(() -> GrantRequest.validated(List.of("s3:GetObject"), List.of("*"),
                Duration.ofMinutes(5), " ")).isInstanceOf(ReviewException.class);
        assertThatThrownBy(() -> book.requestGrant(Fixtures.identity("al*", java.util.Set.of()),
                request(Duration.ofMinutes(5)))).isInstanceOf(ReviewException.class).hasMessageContaining("exactly");
    }
}
