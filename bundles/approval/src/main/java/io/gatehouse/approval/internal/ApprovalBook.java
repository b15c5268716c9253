package io.gatehouse.approval.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.api.approval.ApprovalGate;
import io.gatehouse.api.approval.ApprovalView;
import io.gatehouse.api.approval.ApprovalView.Kind;
import io.gatehouse.api.approval.ApprovalView.Review;
import io.gatehouse.api.approval.ApprovalView.Status;
import io.gatehouse.api.approval.HeldCall;
import io.gatehouse.api.approval.HoldOutcome;
import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.policy.RuleSet;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every approval of this node: held calls and grant requests, their reviews and their state. Every transition
 * happens under one lock, so it is atomic; what follows from it (completing held calls, notifying channels) runs
 * after the lock is released, on other threads. Each change is appended to the {@link Journal}; a reviewer's decision
 * and a redemption are answered only once they are on disk.
 *
 * <p>Rules: an approval is bound to its kind, the requester's subject and delegation chain, and the request hash.
 * Holding joins the approval of the same binding while it is pending, approved (not yet used) or denied (until it
 * would have expired); otherwise it opens a new one. {@code required} distinct reviewer subjects, each in one of the
 * approver groups and none of them (nor anyone in their chain) the requester or anyone in its chain, approve it. A
 * deny at any time before use wins. An approved call is redeemed at most once, within {@code validity} of its
 * approval; an approved grant is a policy rule until it ends.
 */
public final class ApprovalBook implements ApprovalGate, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApprovalBook.class);
    private static final int MAX_LISTED = 500;
    /** The journal is rewritten with just the live records once this many (and 4 × the live count) were appended. */
    private static final int COMPACT_AFTER = 1000;

    private final Object lock = new Object();
    private final ApprovalSettings settings;
    private final Clock clock;
    private final Journal journal;
    private final ChannelNotifier notifier;
    private final ScheduledExecutorService timer;
    private final ExecutorService completer;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Approval> byId = new LinkedHashMap<>();
    private final Map<String, Approval> current = new HashMap<>();
    private volatile RuleSet grantRules = GrantRules.of(List.of());
    private volatile Instant nextGrantEnd = Instant.MAX;
    /** Records appended since the journal was last rewritten; guarded by {@link #lock}. */
    private long appendedSinceCompaction;

    /** What a transition causes once the lock is released. */
    private static final class Effects {
        final List<Runnable> after = new ArrayList<>();
        CompletableFuture<Void> durable = CompletableFuture.completedFuture(null);

        void run() {
            after.forEach(Runnable::run);
        }
    }

    private ApprovalBook(ApprovalSettings settings, Clock clock, Journal journal, ChannelNotifier notifier) {
        this.settings = settings;
        this.clock = clock;
        this.journal = journal;
        this.notifier = notifier;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "gatehouse-approval-timer"));
        this.completer = new ThreadPoolExecutor(1, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> daemon(r, "gatehouse-approval-outcome"));
    }

    /**
     * A book that keeps nothing across restarts (tests).
     *
     * @param settings limits and grant settings
     * @param clock judges expiry
     * @param notifier tells channels
     * @return the book
     */
    public static ApprovalBook inMemory(ApprovalSettings settings, Clock clock, ChannelNotifier notifier) {
        return new ApprovalBook(settings, clock, new Journal(), notifier);
    }

    /**
     * A durable book: reads the journal (a record cut short by a crash is skipped), keeps what is still pending,
     * approved or recently decided, rewrites the journal with just that, and appends every change from then on.
     * Nothing executes by itself: a held call ended with its connection; only an identical retry redeems an
     * approval.
     *
     * @param settings limits and grant settings
     * @param clock judges expiry
     * @param notifier tells channels
     * @param file the journal file, e.g. {@code data/approvals/journal}
     * @return the book
     * @throws IOException when the journal cannot be read or rewritten
     */
    public static ApprovalBook open(ApprovalSettings settings, Clock clock, ChannelNotifier notifier, Path file)
            throws IOException {
        Journal journal = new Journal(file);
        Map<String, Approval> last = new LinkedHashMap<>();
        int line = 0;
        for (String record : journal.read()) {
            line++;
            if (record.isBlank()) {
                continue;
            }
            try {
                JsonNode json = ApprovalJson.MAPPER.readTree(record);
                Approval approval = ApprovalJson.fromRecord(json);
                last.put(approval.id, approval);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Skipping line {} of the approval journal {} (cut short or damaged): {}", line, file,
                        e.getClass().getSimpleName());
            }
        }
        ApprovalBook book = new ApprovalBook(settings, clock, journal, notifier);
        List<String> records = book.load(last.values());
        journal.rewriteAndStart(records);
        LOG.info("Approvals: {} read back from {} ({} pending, {} approved)", records.size(), file,
                book.count(Status.PENDING), book.count(Status.APPROVED));
        return book;
    }

    private List<String> load(Iterable<Approval> approvals) {
        Effects ignored = new Effects();
        synchronized (lock) {
            List<Approval> sorted = new ArrayList<>();
            approvals.forEach(sorted::add);
            sorted.sort(Comparator.comparing(a -> a.createdAt));
            for (Approval approval : sorted) {
                byId.put(approval.id, approval);
                current.put(approval.key(), approval);
            }
            sweepLocked(clock.instant(), ignored);
            rebuildGrantRulesLocked(clock.instant());
            return byId.values().stream().map(ApprovalJson::record).collect(Collectors.toList());
        }
    }

    private long count(Status status) {
        synchronized (lock) {
            return byId.values().stream().filter(a -> a.status == status).count();
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** @return the settings */
    public ApprovalSettings settings() {
        return settings;
    }

    // ---------------------------------------------------------------- the gate (data plane)

    @Override
    public CompletionStage<HoldOutcome> hold(HeldCall call, Duration maxWait) {
        Effects effects = new Effects();
        CompletableFuture<HoldOutcome> result;
        synchronized (lock) {
            Instant now = clock.instant();
            Identity requester = call.requester();
            String key = Approval.key(Kind.CALL, requester.subject(), requester.delegationChain(),
                    call.requestHash());
            Approval approval = current.get(key);
            if (approval != null) {
                expireLocked(approval, now, effects);
            }
            if (approval == null || !joinable(approval, now)) {
                Optional<String> refusal = limitRefusal(requester.subject());
                if (refusal.isPresent()) {
                    LOG.warn("Refused to hold {} for {}: {}", call.operation().iamAction(), requester.subject(),
                            refusal.get());
                    result = CompletableFuture.completedFuture(new HoldOutcome(HoldOutcome.Status.DENIED, "", "",
                            refusal.get()));
                    approval = null;
                } else {
                    approval = openLocked(Kind.CALL, requester, List.of(call.operation().iamAction()),
                            call.operation().resources(), call.operation().region(), call.decision().rule(),
                            call.decision().reason(), call.requestHash(), call.requirement().approverGroups(),
                            call.requirement().approvals(), call.requirement().validity(), Optional.empty(), now,
                            effects);
                    result = null;
                }
            } else {
                result = null;
            }
            if (approval != null) {
                HoldOutcome outcome = outcome(approval, now);
                if (approval.status != Status.PENDING || maxWait.isZero() || maxWait.isNegative()) {
                    result = CompletableFuture.completedFuture(outcome);
                } else {
                    result = waitFor(approval, maxWait);
                }
            }
        }
        effects.run();
        return result;
    }

    private CompletableFuture<HoldOutcome> waitFor(Approval approval, Duration maxWait) {
        CompletableFuture<HoldOutcome> result = new CompletableFuture<>();
        approval.waiters.add(result);
        ScheduledFuture<?> timeout = timer.schedule(() -> {
            HoldOutcome outcome = null;
            synchronized (lock) {
                if (approval.waiters.remove(result)) {
                    outcome = outcome(approval, clock.instant());
                }
            }
            if (outcome != null) {
                result.complete(outcome);
            }
        }, maxWait.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((outcome, failure) -> {
            timeout.cancel(false);
            if (result.isCancelled()) {
                synchronized (lock) {
                    approval.waiters.remove(result);
                }
            }
        });
        return result;
    }

    @Override
    public boolean redeem(String approvalId, HeldCall call) {
        Effects effects = new Effects();
        synchronized (lock) {
            Instant now = clock.instant();
            Approval approval = byId.get(approvalId);
            if (approval == null) {
                return false;
            }
            expireLocked(approval, now, effects);
            Identity requester = call.requester();
            if (approval.kind != Kind.CALL || approval.status != Status.APPROVED || !approval.key().equals(
                    Approval.key(Kind.CALL, requester.subject(), requester.delegationChain(), call.requestHash()))) {
                effects.run();
                return false;
            }
            approval.status = Status.USED;
            approval.resolvedAt = Optional.of(now);
            effects.durable = append(approval);
        }
        effects.run();
        try {
            effects.durable.get(10, TimeUnit.SECONDS);
            LOG.info("Approval {} used by {} (chain {})", approvalId, call.requester().subject(),
                    call.requester().delegationChain());
            return true;
        } catch (Exception e) {
            LOG.error("Approval {} could not be recorded as used, the call is refused: {}", approvalId, e.toString());
            return false;
        }
    }

    // ---------------------------------------------------------------- reviewers (control API)

    /**
     * Approves as one reviewer. When the last required review comes in, the approval becomes approved and every
     * held call is answered.
     *
     * @param id the approval
     * @param reviewer who approves, authenticated
     * @return the approval after the review
     * @throws ReviewException 404 unknown, 409 not pending or already approved by this reviewer, 403 the reviewer is
     *         the requester or in its chain, is not in an approver group, or decides through a delegated session
     */
    public ApprovalView approve(String id, Identity reviewer) throws ReviewException {
        Effects effects = new Effects();
        ApprovalView view;
        synchronized (lock) {
            Instant now = clock.instant();
            Approval approval = find(id);
            expireLocked(approval, now, effects);
            if (approval.status != Status.PENDING) {
                effects.run();
                throw new ReviewException(409, "conflict", "Approval " + id + " is " + approval.status
                        + "; only a pending approval can be approved.");
            }
            checkMayApprove(approval, reviewer);
            if (approval.reviews.containsKey(reviewer.subject())) {
                throw new ReviewException(409, "already_approved", "You (" + reviewer.subject()
                        + ") already approved " + id + "; it needs " + (approval.required - approval.reviews.size())
                        + " more approval(s) from other reviewers.");
            }
            approval.reviews.put(reviewer.subject(), new Review(reviewer.subject(), reviewer.delegationChain(), now));
            if (approval.reviews.size() >= approval.required) {
                approval.status = Status.APPROVED;
                approval.resolvedAt = Optional.of(now);
                approval.expiresAt = now.plus(approval.grantDuration.orElse(approval.validity));
                completeWaiters(approval, now, effects);
                if (approval.kind == Kind.GRANT) {
                    rebuildGrantRulesLocked(now);
                }
            }
            view = approval.view(settings.reviewUrl(id));
            ApprovalView notice = view;
            if (notice.status() == Status.APPROVED) {
                effects.after.add(() -> notifier.resolved(notice));
            }
            effects.durable = append(approval);
            LOG.info("Approval {} approved by {} (chain {}): {} of {}", id, reviewer.subject(),
                    reviewer.delegationChain(), approval.reviews.size(), approval.required);
        }
        effects.run();
        awaitDurable(effects);
        return view;
    }

    /**
     * Denies. A deny wins over approvals given before it, as long as the call has not been executed.
     *
     * @param id the approval
     * @param reviewer who denies: a member of an approver group, or the requester (withdrawing)
     * @param reason why, shown to the requester
     * @return the denied approval
     * @throws ReviewException 404 unknown, 409 already decided, 403 not allowed to decide
     */
    public ApprovalView deny(String id, Identity reviewer, String reason) throws ReviewException {
        Effects effects = new Effects();
        ApprovalView view;
        synchronized (lock) {
            Instant now = clock.instant();
            Approval approval = find(id);
            expireLocked(approval, now, effects);
            if (approval.status != Status.PENDING && approval.status != Status.APPROVED) {
                effects.run();
                throw new ReviewException(409, "conflict", "Approval " + id + " is " + approval.status
                        + " and can no longer be denied.");
            }
            if (!reviewer.subject().equals(approval.subject) && !inApproverGroup(approval, reviewer)) {
                throw new ReviewException(403, "access_denied", "Only members of " + sorted(approval.approverGroups)
                        + " (or the requester, to withdraw it) may deny " + id + ".");
            }
            boolean wasGrant = approval.status == Status.APPROVED && approval.kind == Kind.GRANT;
            approval.status = Status.DENIED;
            approval.resolvedAt = Optional.of(now);
            approval.resolution = "denied by " + reviewer.subject() + (reason.isBlank() ? "" : ": " + reason);
            completeWaiters(approval, now, effects);
            if (wasGrant) {
                rebuildGrantRulesLocked(now);
            }
            view = approval.view(settings.reviewUrl(id));
            ApprovalView notice = view;
            effects.after.add(() -> notifier.resolved(notice));
            effects.durable = append(approval);
            LOG.info("Approval {} denied by {} (chain {}): {}", id, reviewer.subject(), reviewer.delegationChain(),
                    reason);
        }
        effects.run();
        awaitDurable(effects);
        return view;
    }

    private void checkMayApprove(Approval approval, Identity reviewer) throws ReviewException {
        Set<String> requester = new java.util.HashSet<>(approval.chain);
        requester.add(approval.subject);
        List<String> names = new ArrayList<>(reviewer.delegationChain());
        names.add(reviewer.subject());
        if (names.stream().anyMatch(requester::contains)) {
            throw new ReviewException(403, "access_denied", "Approval " + approval.id + " was requested by "
                    + approval.subject + (approval.chain.isEmpty() ? "" : " (chain " + approval.chain + ")")
                    + "; neither the requester nor anyone in its delegation chain may approve it.");
        }
        if (reviewer.isDelegated() && !settings.delegatedReviewers()) {
            throw new ReviewException(403, "access_denied", "Approve with your own session, not a delegated one "
                    + "(chain " + reviewer.delegationChain() + ").");
        }
        if (!inApproverGroup(approval, reviewer)) {
            throw new ReviewException(403, "access_denied", "Approval " + approval.id + " needs reviewers in "
                    + sorted(approval.approverGroups) + "; you (" + reviewer.subject() + ") are in none of them.");
        }
    }

    private static boolean inApproverGroup(Approval approval, Identity caller) {
        return caller.groups().stream().anyMatch(approval.approverGroups::contains);
    }

    private static boolean visibleTo(Approval approval, Identity caller) {
        return approval.subject.equals(caller.subject()) || inApproverGroup(approval, caller);
    }

    /**
     * @param id an approval
     * @param caller who asks: the requester or a member of an approver group
     * @return the approval
     * @throws ReviewException 404 when unknown or not the caller's to see
     */
    public ApprovalView get(String id, Identity caller) throws ReviewException {
        Effects effects = new Effects();
        ApprovalView view;
        synchronized (lock) {
            Approval approval = find(id);
            if (!visibleTo(approval, caller)) {
                throw notFound(id);
            }
            expireLocked(approval, clock.instant(), effects);
            view = approval.view(settings.reviewUrl(id));
        }
        effects.run();
        return view;
    }

    /**
     * @param caller who asks
     * @param kind the kind to list, or empty for both
     * @param status the status to list, or empty for all
     * @return the approvals the caller requested or may review, newest first (at most 500)
     */
    public List<ApprovalView> list(Identity caller, Optional<Kind> kind, Optional<Status> status) {
        sweep();
        synchronized (lock) {
            List<ApprovalView> views = new ArrayList<>();
            List<Approval> all = new ArrayList<>(byId.values());
            Collections.reverse(all);
            for (Approval approval : all) {
                if (visibleTo(approval, caller) && kind.map(k -> k == approval.kind).orElse(true)
                        && status.map(s -> s == approval.status).orElse(true) && views.size() < MAX_LISTED) {
                    views.add(approval.view(settings.reviewUrl(approval.id)));
                }
            }
            return views;
        }
    }

    // ---------------------------------------------------------------- grants

    /**
     * Asks for a just-in-time grant. The same caller asking again for the same actions, resources and duration joins
     * the open request.
     *
     * @param caller the grantee
     * @param request what is asked for, validated
     * @return the grant request (pending, or already approved or denied when it was asked before)
     * @throws ReviewException 503 when grants are not configured, 429 over the pending limits, 400 a subject that
     *         cannot be named exactly in a rule
     */
    public ApprovalView requestGrant(Identity caller, GrantRequest request) throws ReviewException {
        if (settings.grantApproverGroups().isEmpty()) {
            throw new ReviewException(503, "grants_disabled", "Just-in-time grants are off: set "
                    + "grant.approver.groups in etc/" + ApprovalConfig.PID + ".cfg.");
        }
        if (caller.subject().contains("*") || caller.subject().contains("?")) {
            throw new ReviewException(400, "invalid_request", "A grant names its subject exactly; subjects with * "
                    + "or ? cannot receive grants.");
        }
        if (request.duration().compareTo(settings.grantMaxDuration()) > 0) {
            throw new ReviewException(400, "invalid_request", "A grant lasts at most "
                    + settings.grantMaxDuration() + "; asked for " + request.duration() + ".");
        }
        Effects effects = new Effects();
        ApprovalView view;
        synchronized (lock) {
            Instant now = clock.instant();
            String hash = request.hash();
            Approval approval = current.get(Approval.key(Kind.GRANT, caller.subject(), caller.delegationChain(),
                    hash));
            if (approval != null) {
                expireLocked(approval, now, effects);
            }
            if (approval == null || !joinable(approval, now)) {
                Optional<String> refusal = limitRefusal(caller.subject());
                if (refusal.isPresent()) {
                    throw new ReviewException(429, "too_many_pending", refusal.get());
                }
                approval = openLocked(Kind.GRANT, caller, request.actions(), request.resources(), "", "grant",
                        request.reason(), hash, settings.grantApproverGroups(), settings.grantApprovals(),
                        settings.grantValidity(), Optional.of(request.duration()), now, effects);
            }
            view = approval.view(settings.reviewUrl(approval.id));
        }
        effects.run();
        awaitDurable(effects);
        return view;
    }

    /**
     * Revokes a grant (or withdraws a pending grant request).
     *
     * @param id the grant
     * @param caller the grantee or a member of an approver group
     * @return the revoked grant
     * @throws ReviewException 404 unknown, 403 not allowed, 409 already ended
     */
    public ApprovalView revokeGrant(String id, Identity caller) throws ReviewException {
        Effects effects = new Effects();
        ApprovalView view;
        synchronized (lock) {
            Instant now = clock.instant();
            Approval approval = find(id);
            if (approval.kind != Kind.GRANT || !visibleTo(approval, caller)) {
                throw notFound(id);
            }
            expireLocked(approval, now, effects);
            if (approval.status != Status.PENDING && approval.status != Status.APPROVED) {
                effects.run();
                throw new ReviewException(409, "conflict", "Grant " + id + " is " + approval.status
                        + "; there is nothing to revoke.");
            }
            approval.status = Status.REVOKED;
            approval.resolvedAt = Optional.of(now);
            approval.resolution = "revoked by " + caller.subject();
            rebuildGrantRulesLocked(now);
            view = approval.view(settings.reviewUrl(id));
            ApprovalView notice = view;
            effects.after.add(() -> notifier.resolved(notice));
            effects.durable = append(approval);
            LOG.info("Grant {} of {} revoked by {}", id, approval.subject, caller.subject());
        }
        effects.run();
        awaitDurable(effects);
        return view;
    }

    /** @return one allow rule per grant in force; its version changes whenever the grants in force change */
    public RuleSet grantRules() {
        if (!clock.instant().isBefore(nextGrantEnd)) {
            sweep();
        }
        return grantRules;
    }

    // ---------------------------------------------------------------- housekeeping

    /** Expires what is due and forgets decided approvals older than the retention. Called every second. */
    public void sweep() {
        Effects effects = new Effects();
        synchronized (lock) {
            sweepLocked(clock.instant(), effects);
        }
        effects.run();
    }

    private CompletableFuture<Void> append(Approval approval) {
        appendedSinceCompaction++;
        return journal.append(ApprovalJson.record(approval));
    }

    private void sweepLocked(Instant now, Effects effects) {
        Instant forgetBefore = now.minus(settings.retainResolved());
        var iterator = byId.values().iterator();
        while (iterator.hasNext()) {
            Approval approval = iterator.next();
            expireLocked(approval, now, effects);
            if (approval.status.isFinal() && approval.resolvedAt.orElse(approval.expiresAt).isBefore(forgetBefore)
                    && !approval.expiresAt.isAfter(now)) {
                iterator.remove();
                current.remove(approval.key(), approval);
            }
        }
        if (!now.isBefore(nextGrantEnd)) {
            rebuildGrantRulesLocked(now);
        }
        if (appendedSinceCompaction > Math.max(COMPACT_AFTER, 4L * byId.size())) {
            appendedSinceCompaction = 0;
            journal.compact(byId.values().stream().map(ApprovalJson::record).collect(Collectors.toList()));
        }
    }

    private void expireLocked(Approval approval, Instant now, Effects effects) {
        if (approval.status == Status.PENDING && !now.isBefore(approval.expiresAt)) {
            approval.status = Status.EXPIRED;
            approval.resolvedAt = Optional.of(approval.expiresAt);
            approval.resolution = "nobody decided in time";
            completeWaiters(approval, now, effects);
            ApprovalView notice = approval.view(settings.reviewUrl(approval.id));
            effects.after.add(() -> notifier.resolved(notice));
            append(approval);
        } else if (approval.status == Status.APPROVED && !now.isBefore(approval.expiresAt)) {
            approval.status = Status.EXPIRED;
            approval.resolution = approval.kind == Kind.GRANT ? "the grant ended" : "not used in time";
            if (approval.kind == Kind.GRANT) {
                rebuildGrantRulesLocked(now);
            }
            append(approval);
        }
    }

    private static boolean joinable(Approval approval, Instant now) {
        return approval.status == Status.PENDING || approval.status == Status.APPROVED
                || approval.status == Status.DENIED && now.isBefore(approval.expiresAt);
    }

    private Optional<String> limitRefusal(String subject) {
        long total = 0;
        long mine = 0;
        for (Approval approval : byId.values()) {
            if (approval.status == Status.PENDING) {
                total++;
                if (approval.subject.equals(subject)) {
                    mine++;
                }
            }
        }
        if (mine >= settings.maxPendingPerCaller()) {
            return Optional.of(subject + " already has " + mine + " approvals pending (the most per caller); wait "
                    + "for reviewers to decide them, or for them to expire, before asking for more.");
        }
        if (total >= settings.maxPendingTotal()) {
            return Optional.of("The gateway already holds " + total + " pending approvals (its limit); ask an "
                    + "operator to have them reviewed.");
        }
        return Optional.empty();
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    private Approval openLocked(Kind kind, Identity requester, List<String> actions, List<String> resources,
                                String region, String rule, String reason, String hash, Set<String> groups,
                                int required, Duration validity, Optional<Duration> grant, Instant now,
                                Effects effects) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = "ap-" + HexFormat.of().formatHex(bytes);
        Approval approval = new Approval(id, kind, requester.subject(), requester.delegationChain(), actions,
                resources, region, rule, reason, hash, now, required, groups, validity, grant);
        byId.put(id, approval);
        current.put(approval.key(), approval);
        append(approval);
        ApprovalView notice = approval.view(settings.reviewUrl(id));
        effects.after.add(() -> notifier.announce(notice));
        LOG.info("Approval {} opened for {} (chain {}): {} on {} by rule {}, needs {} of {}", id,
                requester.subject(), requester.delegationChain(), actions, resources, rule, required, sorted(groups));
        return approval;
    }

    private void completeWaiters(Approval approval, Instant now, Effects effects) {
        HoldOutcome outcome = outcome(approval, now);
        List<CompletableFuture<HoldOutcome>> waiters = List.copyOf(approval.waiters);
        approval.waiters.clear();
        if (!waiters.isEmpty()) {
            effects.after.add(() -> waiters.forEach(w -> w.completeAsync(() -> outcome, completer)));
        }
    }

    private HoldOutcome outcome(Approval approval, Instant now) {
        String url = settings.reviewUrl(approval.id);
        switch (approval.status) {
            case PENDING:
                // the data plane adds the approval id, the review link and how to retry
                return new HoldOutcome(HoldOutcome.Status.PENDING, approval.id, url, "It needs "
                        + (approval.required - approval.reviews.size()) + " more approval(s) from members of "
                        + sorted(approval.approverGroups) + " other than you and your delegation chain, before "
                        + approval.expiresAt + ".");
            case APPROVED:
                return new HoldOutcome(HoldOutcome.Status.APPROVED, approval.id, url, "Approved by "
                        + String.join(", ", approval.reviews.keySet()) + "; usable once, before "
                        + approval.expiresAt + ".");
            case DENIED:
            case REVOKED:
                return new HoldOutcome(HoldOutcome.Status.DENIED, approval.id, url, "Approval " + approval.id
                        + " was " + approval.resolution + ".");
            case USED:
                return new HoldOutcome(HoldOutcome.Status.EXPIRED, approval.id, url, "Approval " + approval.id
                        + " was already used by an identical call; retry to ask for a new approval.");
            default:
                return new HoldOutcome(HoldOutcome.Status.EXPIRED, approval.id, url, "Approval " + approval.id
                        + " expired (" + approval.resolution + "); retry to ask again.");
        }
    }

    private void rebuildGrantRulesLocked(Instant now) {
        List<Approval> active = byId.values().stream().filter(a -> a.isActiveGrant(now)).collect(Collectors.toList());
        grantRules = GrantRules.of(active);
        nextGrantEnd = active.stream().map(a -> a.expiresAt).min(Comparator.naturalOrder()).orElse(Instant.MAX);
    }

    private Approval find(String id) throws ReviewException {
        Approval approval = id == null ? null : byId.get(id);
        if (approval == null) {
            throw notFound(id);
        }
        return approval;
    }

    private static ReviewException notFound(String id) {
        return new ReviewException(404, "not_found", "No approval " + id + " that you requested or may review.");
    }

    private static void awaitDurable(Effects effects) throws ReviewException {
        try {
            effects.durable.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new ReviewException(503, "temporarily_unavailable", "The decision could not be recorded durably; "
                    + "the gateway's log has the details.");
        }
    }

    private static List<String> sorted(Set<String> groups) {
        return groups.stream().sorted().collect(Collectors.toList());
    }

    /** Answers every held call with the approval's current state (they are not left hanging), then stops. */
    @Override
    public void close() {
        Effects effects = new Effects();
        synchronized (lock) {
            Instant now = clock.instant();
            byId.values().forEach(approval -> completeWaiters(approval, now, effects));
        }
        effects.run();
        completer.shutdown();
        try {
            completer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        journal.close();
    }
}
