package io.gatehouse.approval.internal;

import io.gatehouse.api.approval.ApprovalView;
import io.gatehouse.api.approval.ApprovalView.Kind;
import io.gatehouse.api.approval.ApprovalView.Review;
import io.gatehouse.api.approval.ApprovalView.Status;
import io.gatehouse.api.approval.HoldOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One approval and its state. Not thread safe: every read and change happens under the lock of the
 * {@link ApprovalBook} that holds it.
 */
final class Approval {

    final String id;
    final Kind kind;
    final String subject;
    final List<String> chain;
    final List<String> actions;
    final List<String> resources;
    final String region;
    final String rule;
    final String reason;
    final String requestHash;
    final Instant createdAt;
    final int required;
    final Set<String> approverGroups;
    final Duration validity;
    final Optional<Duration> grantDuration;

    Status status = Status.PENDING;
    Instant expiresAt;
    final Map<String, Review> reviews = new LinkedHashMap<>();
    Optional<Instant> resolvedAt = Optional.empty();
    String resolution = "";
    /** Held calls waiting for the outcome; never persisted (a held call is gone with its connection). */
    final List<CompletableFuture<HoldOutcome>> waiters = new ArrayList<>();

    @SuppressWarnings("checkstyle:ParameterNumber")
    Approval(String id, Kind kind, String subject, List<String> chain, List<String> actions, List<String> resources,
             String region, String rule, String reason, String requestHash, Instant createdAt, int required,
             Set<String> approverGroups, Duration validity, Optional<Duration> grantDuration) {
        this.id = id;
        this.kind = kind;
        this.subject = subject;
        this.chain = List.copyOf(chain);
        this.actions = List.copyOf(actions);
        this.resources = List.copyOf(resources);
        this.region = region;
        this.rule = rule;
        this.reason = reason;
        this.requestHash = requestHash;
        this.createdAt = createdAt;
        this.required = required;
        this.approverGroups = Set.copyOf(approverGroups);
        this.validity = validity;
        this.grantDuration = grantDuration;
        this.expiresAt = createdAt.plus(validity);
    }

    /** The binding of an approval: kind, caller (subject and chain) and request hash. */
    static String key(Kind kind, String subject, List<String> chain, String requestHash) {
        StringBuilder key = new StringBuilder(kind.name()).append('\u0000').append(subject);
        for (String actor : chain) {
            key.append('\u0001').append(actor);
        }
        return key.append('\u0000').append(requestHash).toString();
    }

    String key() {
        return key(kind, subject, chain, requestHash);
    }

    boolean isActiveGrant(Instant now) {
        return kind == Kind.GRANT && status == Status.APPROVED && now.isBefore(expiresAt);
    }

    /** When an approved grant took effect: the moment the last required review came in. */
    Instant approvedAt() {
        return resolvedAt.orElse(createdAt);
    }

    ApprovalView view(String reviewUrl) {
        return new ApprovalView(id, kind, status, subject, chain, actions, resources, region, rule, reason,
                requestHash, createdAt, expiresAt, List.copyOf(reviews.values()), required, approverGroups,
                grantDuration, resolvedAt, resolution, reviewUrl);
    }
}
