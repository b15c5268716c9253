package io.gatehouse.credentials.internal.sts;

import io.gatehouse.api.credentials.CredentialBroker;
import io.gatehouse.api.credentials.CredentialException;
import io.gatehouse.api.credentials.UpstreamCredentials;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Decision;
import io.gatehouse.api.exchange.Identity;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Least-privilege upstream credentials: for each allowed call, STS AssumeRole of the role mapped to the deciding rule,
 * the caller's group or the default, with an inline session policy of exactly the call's action and resources, the
 * root subject as SourceIdentity and the delegation chain as session tags, for the shortest duration. Credentials
 * are cached per scope until shortly before they expire; concurrent calls of the same scope share one AssumeRole.
 * STS is called on a small bounded pool, never on the request thread. Ranked above the static broker, so it signs
 * whenever its configuration exists.
 */
@Component(configurationPid = StsCredentialsConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {CredentialBroker.NAME + "=sts", "service.ranking:Integer=100"})
@Designate(ocd = StsCredentialsConfig.class)
public final class StsCredentialBroker implements CredentialBroker {

    private static final Logger LOG = LoggerFactory.getLogger(StsCredentialBroker.class);

    private final StsSettings settings;
    private final StsRoleAssumer assumer;
    private final CredentialCache cache;
    private final ThreadPoolExecutor executor;
    private volatile boolean closed;

    /**
     * @param config the configuration
     * @throws IllegalArgumentException when a value is invalid (the component then stays inactive)
     */
    @Activate
    public StsCredentialBroker(StsCredentialsConfig config) {
        this(StsSettings.from(config), Clock.systemUTC());
        LOG.info("STS credential broker active: region {}, endpoint {}, base credentials {}, duration {} s, roles {}",
                settings.region(), settings.endpoint().map(Object::toString).orElse("regional"),
                settings.baseKeys().map(keys -> "key " + keys.accessKeyId()).orElse("default provider chain"),
                settings.duration().toSeconds(), settings.roles().describe());
    }

    /**
     * @param settings the validated configuration
     * @param clock the time cached credentials are judged by
     */
    StsCredentialBroker(StsSettings settings, Clock clock) {
        this.settings = settings;
        this.cache = new CredentialCache(clock, settings.refreshMargin(), settings.cacheMaxEntries());
        this.executor = new ThreadPoolExecutor(settings.threads(), settings.threads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.queue()), new StsThreads());
        this.executor.allowCoreThreadTimeOut(true);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(StsCredentialBroker.class.getClassLoader());
        try {
            this.assumer = new StsRoleAssumer(settings);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Override
    public CompletionStage<UpstreamCredentials> credentialsFor(Identity identity, AwsOperation operation,
                                                               Decision decision) {
        SessionRequest request;
        RoleMapping.Choice role;
        try {
            if (closed) {
                throw stopping();
            }
            if (decision.outcome() == Decision.Outcome.DENY) {
                throw new CredentialException("the call was denied (rule " + decision.rule() + "); no credentials "
                        + "are issued for it", null);
            }
            role = settings.roles().select(identity, decision);
            SessionPolicy policy = SessionPolicy.forOperation(operation);
            if (policy.compressed()) {
                LOG.info("Session policy for {} on {} resources compressed to {} (session {})", operation.iamAction(),
                        operation.resources().size(), policy.resources(), identity.sessionId());
            }
            request = SessionRequest.of(role.roleArn(), policy, identity, decision, settings.duration(),
                    settings.transitiveTags());
        } catch (CredentialException e) {
            return CompletableFuture.failedFuture(e);
        }
        return cache.get(request, key -> assumeAsync(key, role.reason()));
    }

    private CompletableFuture<UpstreamCredentials> assumeAsync(SessionRequest request, String reason) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return assumer.assume(request, reason);
                } catch (CredentialException e) {
                    LOG.warn("Upstream credentials unavailable: {}", e.getMessage());
                    throw e;
                }
            }, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(closed ? stopping() : new CredentialException("too many STS "
                    + "calls are waiting (" + settings.queue() + "); retry shortly", null));
        }
    }

    /** @return how many credential sets are cached, for tests */
    int cachedScopes() {
        return cache.size();
    }

    /** Stops the STS threads, fails the calls still waiting for STS and closes the SDK client. */
    @Deactivate
    public void close() {
        closed = true;
        executor.shutdownNow();
        cache.close(stopping());
        assumer.close();
    }

    private static CredentialException stopping() {
        return new CredentialException("the STS credential broker is stopping (its configuration changed or was "
                + "removed); retry the call", null);
    }

    /** Daemon threads named after the broker whose context class loader is this bundle's, as the SDK expects. */
    private static final class StsThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "gatehouse-sts-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(StsCredentialBroker.class.getClassLoader());
            return thread;
        }
    }
}
