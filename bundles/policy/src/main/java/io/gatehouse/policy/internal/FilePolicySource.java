package io.gatehouse.policy.internal;

import io.gatehouse.api.policy.PolicySource;
import io.gatehouse.api.policy.RuleSet;
import io.gatehouse.policy.files.PolicyLoad;
import io.gatehouse.policy.files.PolicyProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of the YAML files in {@code etc/policy/} (configurable), checked every second and reloaded on change; a
 * broken change keeps the last good rules (see {@link ReloadingPolicy}). Immediate, so that the folder is read, and its
 * problems logged, at startup rather than at the first call.
 */
@Component(service = {PolicySource.class, FilePolicySource.class}, configurationPid = PolicyConfig.PID,
        property = PolicySource.NAME + "=" + PolicyLoad.SOURCE, immediate = true)
@Designate(ocd = PolicyConfig.class)
public final class FilePolicySource implements PolicySource {

    private static final Logger LOG = LoggerFactory.getLogger(FilePolicySource.class);

    private final ReloadingPolicy policy;
    private final ScheduledExecutorService poller;

    /**
     * Loads the folder once (so that the rules are there when the service is), then checks it periodically.
     *
     * @param config the folder and poll interval
     * @param context for the {@code gatehouse.home} framework property
     */
    @Activate
    public FilePolicySource(PolicyConfig config, BundleContext context) {
        this(directory(config.directory(), context.getProperty("gatehouse.home")), config.poll_interval_ms());
    }

    /**
     * @param folder the policy folder
     * @param intervalMillis milliseconds between two checks (at least 100)
     */
    FilePolicySource(Path folder, long intervalMillis) {
        this.policy = new ReloadingPolicy(folder);
        policy.poll();
        this.poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "gatehouse-policy-files");
            thread.setDaemon(true);
            return thread;
        });
        long interval = Math.max(100, intervalMillis);
        poller.scheduleWithFixedDelay(this::pollQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * @param configured the configured folder
     * @param home the Gatehouse home, null when not run by the launcher
     * @return the folder, resolved against the home unless absolute
     */
    static Path directory(String configured, String home) {
        Path path = Path.of(configured == null || configured.isBlank() ? "etc/policy" : configured.strip());
        if (path.isAbsolute() || home == null || home.isBlank()) {
            return path.toAbsolutePath().normalize();
        }
        return Path.of(home).resolve(path).toAbsolutePath().normalize();
    }

    private void pollQuietly() {
        try {
            policy.poll();
        } catch (RuntimeException e) {
            LOG.warn("Checking the policy folder {} failed; the rules in force stay: {}", policy.directory(),
                    e.toString());
        }
    }

    /** Checks the folder now (tests; the timer does it otherwise). */
    void pollNow() {
        policy.poll();
    }

    /** Stops checking the folder. */
    @Deactivate
    public void stop() {
        poller.shutdownNow();
    }

    @Override
    public RuleSet rules() {
        return policy.current();
    }

    /** @return why the folder's current content is rejected (the last good rules are in force); empty when valid */
    public List<PolicyProblem> problems() {
        return policy.problems();
    }

    /** @return the policy folder */
    public Path folder() {
        return policy.directory();
    }
}
