package io.gatehouse.approval.internal;

import io.gatehouse.api.approval.HeldCall;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Decision;
import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.policy.ApprovalRequirement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Identities, calls and a clock the tests move by hand. */
final class Fixtures {

    static final Instant START = Instant.parse("2026-11-25T12:00:00Z");
    static final String HASH_A = "a".repeat(64);
    static final String HASH_B = "b".repeat(64);

    private Fixtures() {
    }

    /** A clock that stands still until moved. */
    static final class MutableClock extends Clock {
        private volatile Instant now = START;

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    static Identity identity(String subject, Set<String> groups, String... chain) {
        return new Identity(subject, groups, List.of(chain), "gs-" + subject + chain.length, "GHS" + subject,
                "", START.plusSeconds(86400));
    }

    static final Identity ALICE = identity("alice", Set.of("developers"));
    static final Identity ALICE_AGENT = identity("alice", Set.of("developers"), "agent-1");
    static final Identity BOB = identity("bob", Set.of("approvers"));
    static final Identity CAROL = identity("carol", Set.of("approvers", "dba"));
    static final Identity DAVE = identity("dave", Set.of("developers"));

    static HeldCall call(Identity requester, String hash, int approvals) {
        return new HeldCall(requester, new AwsOperation("dynamodb", "DeleteTable", "eu-west-1",
                List.of("arn:aws:dynamodb:eu-west-1:000000000000:table/Orders"), Map.of()),
                new Decision(Decision.Outcome.APPROVE, "prod-deletes", "Deleting production tables needs approval",
                        "v1"),
                new ApprovalRequirement(Set.of("approvers"), approvals, Duration.ofMinutes(15)), hash);
    }

    static ApprovalSettings settings() {
        return new ApprovalSettings("http://127.0.0.1:7701/", 3, 5, Duration.ofHours(24), false,
                Set.of("approvers"), 1, Duration.ofHours(2), Duration.ofHours(1));
    }
}
