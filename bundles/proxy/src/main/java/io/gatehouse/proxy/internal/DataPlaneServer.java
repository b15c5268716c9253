package io.gatehouse.proxy.internal;

import io.gatehouse.proxy.internal.forward.EndpointResolver;
import io.gatehouse.proxy.internal.forward.UpstreamForwarder;
import io.gatehouse.proxy.internal.forward.UpstreamRequestFactory;
import io.gatehouse.proxy.internal.keys.AccessKeyStore;
import io.gatehouse.proxy.internal.pipeline.AccessLog;
import io.gatehouse.proxy.internal.pipeline.Authenticator;
import io.gatehouse.proxy.internal.pipeline.ApprovalStage;
import io.gatehouse.proxy.internal.pipeline.Decider;
import io.gatehouse.proxy.internal.pipeline.Pipeline;
import io.gatehouse.proxy.internal.pipeline.ProxyHandler;
import io.gatehouse.proxy.internal.registry.AdapterRegistry;
import io.gatehouse.proxy.internal.registry.ApprovalRegistry;
import io.gatehouse.proxy.internal.registry.BrokerRegistry;
import io.gatehouse.proxy.internal.registry.PolicyRegistry;
import io.gatehouse.proxy.internal.registry.ResolverRegistry;
import io.gatehouse.proxy.internal.sigv4.SigV4Verifier;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.handlers.HttpContinueReadHandler;
import java.time.Clock;
import java.time.Duration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;

/**
 * The data plane: an Undertow listener whose handler runs every call through the {@link Pipeline}. It starts with
 * the bundle (defaults apply without a configuration file) and restarts when {@code etc/io.gatehouse.proxy.cfg}
 * changes.
 */
@Component(service = DataPlaneServer.class, immediate = true, configurationPid = ProxyConfig.PID)
@Designate(ocd = ProxyConfig.class)
public final class DataPlaneServer {

    private static final Logger LOG = LoggerFactory.getLogger(DataPlaneServer.class);

    private final UpstreamForwarder forwarder;
    private final Undertow server;
    private final String address;

    /**
     * Binds the listener; activation fails (and says why) when the port cannot be bound.
     *
     * @param config the data plane configuration
     * @param adapters the service adapters
     * @param keys the client keys
     * @param endpoints the upstream endpoints
     * @param brokers the credential brokers
     * @param resolvers the credential resolvers asked about keys that are not configured
     * @param policies the policy engines
     * @param approvals the approval gates
     */
    @Activate
    public DataPlaneServer(ProxyConfig config, @Reference AdapterRegistry adapters, @Reference AccessKeyStore keys,
                           @Reference EndpointResolver endpoints, @Reference BrokerRegistry brokers,
                           @Reference ResolverRegistry resolvers, @Reference PolicyRegistry policies,
                           @Reference ApprovalRegistry approvals) {
        this.address = "http://" + config.host() + ":" + config.port();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(getClass().getClassLoader());
        try {
            this.forwarder = new UpstreamForwarder(Duration.ofSeconds(config.upstream_timeout_seconds()),
                    config.max_upstream_connections(), config.max_response_bytes());
            Pipeline pipeline = new Pipeline(new Pipeline.Stages(
                    new Authenticator(keys, resolvers, new SigV4Verifier(Clock.systemUTC(),
                            Duration.ofSeconds(config.max_clock_skew_seconds()))),
                    adapters, new Decider(policies::engine),
                    new ApprovalStage(approvals::gate, holdTime(config)), brokers, endpoints, new UpstreamRequestFactory(),
                    forwarder, new AccessLog()),
                    new Pipeline.PipelineSettings(config.account_id(), config.partition(),
                            config.request_timeout_seconds() * 1000L));
            this.server = undertow(config, new ProxyHandler(pipeline, config.max_body_bytes(),
                    config.max_streamed_body_bytes(), config.verify_uploads_before_forwarding()));
            start();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        LOG.info("Gatehouse data plane listening on {}", address);
    }

    /** The hold ends well before the call's own time limit, so that the client gets an answer and not a timeout. */
    static Duration holdTime(ProxyConfig config) {
        long limit = Math.max(0, config.request_timeout_seconds() - 5L);
        return Duration.ofSeconds(Math.min(config.approval_hold_seconds(), limit));
    }

    private void start() {
        try {
            server.start();
        } catch (RuntimeException e) {
            forwarder.close();
            throw new IllegalStateException("The data plane cannot listen on " + address + ": " + rootMessage(e)
                    + ". Is another process using the port? Change host/port in etc/io.gatehouse.proxy.cfg.", e);
        }
    }

    private static Undertow undertow(ProxyConfig config, ProxyHandler handler) {
        int idleMillis = config.idle_timeout_seconds() * 1000;
        return Undertow.builder()
                .addHttpListener(config.port(), config.host())
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, config.max_header_bytes())
                .setServerOption(UndertowOptions.MAX_HEADERS, 200)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, config.max_body_bytes())
                .setServerOption(UndertowOptions.IDLE_TIMEOUT, idleMillis)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, idleMillis)
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, 10_000)
                .setServerOption(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, false)
                .setServerOption(UndertowOptions.DECODE_URL, false)
                .setSocketOption(Options.READ_TIMEOUT, idleMillis)
                .setHandler(new HttpContinueReadHandler(handler))
                .build();
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** @return the data plane's address, e.g. {@code http://127.0.0.1:7700} */
    public String address() {
        return address;
    }

    @Deactivate
    void stop() {
        server.stop();
        forwarder.close();
        LOG.info("Gatehouse data plane on {} stopped", address);
    }
}
