package io.gatehouse.approval.internal;

import io.gatehouse.api.approval.ApprovalChannel;
import io.gatehouse.api.approval.ApprovalGate;
import io.gatehouse.api.approval.HeldCall;
import io.gatehouse.api.approval.HoldOutcome;
import io.gatehouse.api.policy.PolicySource;
import io.gatehouse.api.policy.RuleSet;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The approval gate of this node, the {@code grants} policy source, and the book the control API works on. Keeps
 * its approvals in {@code data/approvals/journal}.
 */
@Component(service = {ApprovalGate.class, PolicySource.class, ApprovalService.class},
        configurationPid = ApprovalConfig.PID, property = PolicySource.NAME + "=" + GrantRules.SOURCE)
@Designate(ocd = ApprovalConfig.class)
public final class ApprovalService implements ApprovalGate, PolicySource {

    private final ChannelNotifier notifier;
    private final ApprovalBook book;
    private final ScheduledExecutorService sweeper;

    /**
     * @param config the configuration
     * @param context for the installation folder
     * @throws IOException when the journal cannot be read or written
     */
    @Activate
    public ApprovalService(ApprovalConfig config, BundleContext context) throws IOException {
        this.notifier = new ChannelNotifier(config.notify_attempts(), Duration.ofMillis(config.notify_backoff_millis()));
        this.book = ApprovalBook.open(settings(config), Clock.systemUTC(), notifier, journal(context));
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "gatehouse-approval-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(book::sweep, 1, 1, TimeUnit.SECONDS);
    }

    static ApprovalSettings settings(ApprovalConfig config) {
        Set<String> groups = Arrays.stream(config.grant_approver_groups()).flatMap(g -> Arrays.stream(g.split(",")))
                .map(String::strip).filter(g -> !g.isEmpty()).collect(Collectors.toSet());
        return new ApprovalSettings(config.control_base_url(), config.max_pending_per_caller(),
                config.max_pending_total(), Duration.ofHours(config.retain_resolved_hours()),
                config.reviewers_may_be_delegated(), groups, config.grant_approvals(),
                Duration.ofMinutes(config.grant_max_duration_minutes()),
                Duration.ofMinutes(config.grant_validity_minutes()));
    }

    private static Path journal(BundleContext context) {
        String home = context.getProperty("gatehouse.home");
        return home == null ? context.getDataFile("approvals").toPath().resolve("journal")
                : Path.of(home, "data", "approvals", "journal");
    }

    @Deactivate
    void deactivate() {
        sweeper.shutdownNow();
        book.close();
        notifier.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindChannel(ApprovalChannel channel, Map<String, Object> properties) {
        notifier.add(channel, String.valueOf(properties.getOrDefault(ApprovalChannel.NAME,
                channel.getClass().getName())));
    }

    void unbindChannel(ApprovalChannel channel) {
        notifier.remove(channel);
    }

    /** @return the approvals, for the control API */
    public ApprovalBook book() {
        return book;
    }

    @Override
    public CompletionStage<HoldOutcome> hold(HeldCall call, Duration maxWait) {
        return book.hold(call, maxWait);
    }

    @Override
    public boolean redeem(String approvalId, HeldCall call) {
        return book.redeem(approvalId, call);
    }

    @Override
    public RuleSet rules() {
        return book.grantRules();
    }
}
