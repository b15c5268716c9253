package io.gatehouse.proxy.internal.pipeline;

import io.gatehouse.api.adapter.DecodeContext;
import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.adapter.Protocol;
import io.gatehouse.api.adapter.ServiceAdapter;
import io.gatehouse.api.credentials.CredentialBroker;
import io.gatehouse.api.credentials.CredentialException;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Decision;
import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.api.exchange.ResponseView;
import io.gatehouse.api.policy.PolicyDecision;
import io.gatehouse.proxy.internal.error.ErrorCode;
import io.gatehouse.proxy.internal.error.ErrorRenderer;
import io.gatehouse.proxy.internal.error.GatewayException;
import io.gatehouse.proxy.internal.forward.EndpointResolver;
import io.gatehouse.proxy.internal.forward.UpstreamBodies;
import io.gatehouse.proxy.internal.forward.UpstreamBody;
import io.gatehouse.proxy.internal.forward.UpstreamForwarder;
import io.gatehouse.proxy.internal.forward.UpstreamRequestFactory;
import io.gatehouse.proxy.internal.registry.AdapterRegistry;
import io.gatehouse.proxy.internal.registry.BrokerRegistry;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one call through the stages: authenticate, decode, decide, hold for approval, credentials, re-sign and forward,
 * scrub, log.
 * Every refusal becomes an AWS-shaped error in the caller's protocol; nothing is forwarded after a refusal.
 */
public final class Pipeline {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final Stages stages;
    private final PipelineSettings settings;

    /**
     * @param stages the collaborators of each stage
     * @param settings account, partition and time limit
     */
    public Pipeline(Stages stages, PipelineSettings settings) {
        this.stages = stages;
        this.settings = settings;
    }

    /**
     * The collaborators of the stages.
     *
     * @param authenticator authenticate
     * @param adapters decode
     * @param decider decide
     * @param approvals hold calls that need approval
     * @param brokers credentials
     * @param endpoints where calls go
     * @param requests re-sign
     * @param forwarder forward
     * @param log the access log
     */
    public record Stages(Authenticator authenticator, AdapterRegistry adapters, Decider decider,
                         ApprovalStage approvals, BrokerRegistry brokers, EndpointResolver endpoints, UpstreamRequestFactory requests,
                         UpstreamForwarder forwarder, AccessLog log) {
    }

    /**
     * Values the stages need from configuration.
     *
     * @param accountId upstream account for ARNs
     * @param partition AWS partition for ARNs
     * @param requestTimeoutMillis end-to-end time limit of a call
     */
    public record PipelineSettings(String accountId, String partition, long requestTimeoutMillis) {
    }

    /**
     * @param request the client's request, body complete or (large S3 uploads) still streaming
     * @param client the client's connection, asked before a held call executes
     * @return the response to send; never completes exceptionally
     */
    public CompletionStage<ResponseView> handle(RequestView request, ClientConnection client) {
        long started = System.nanoTime();
        Exchange exchange = new Exchange(request);
        CompletableFuture<ResponseView> response;
        try {
            response = process(exchange, client).toCompletableFuture()
                    .orTimeout(settings.requestTimeoutMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        return response.handle((answer, error) -> {
            GatewayException refusal = error == null ? null : toGatewayError(error);
            ResponseView result = refusal == null ? answer : ErrorRenderer.render(refusal, exchange.protocol);
            stages.log().record(exchange, result, refusal, started);
            return result;
        });
    }

    private CompletionStage<ResponseView> process(Exchange exchange, ClientConnection client) {
        exchange.authenticated = stages.authenticator().authenticate(exchange.request);
        String service = exchange.authenticated.authorization().service();
        String region = exchange.authenticated.authorization().region();
        ServiceAdapter adapter = stages.adapters().adapterFor(service).orElseThrow(() -> new GatewayException(
                ErrorCode.NO_SERVICE_ADAPTER, "Gatehouse has no adapter for service " + service
                        + ": its plugin is not installed or not started. Adapters active now: "
                        + stages.adapters().services() + "."));
        exchange.protocol = adapter.protocol(exchange.request);
        DecodeContext context = new DecodeContext(service, region, settings.accountId(), settings.partition());
        exchange.operation = decode(adapter, exchange.request, context);
        // the adapter's own parse decides what upstream reads (S3: virtual-hosted becomes path style)
        RequestView forwarded = adapter.forwardedRequest(exchange.request, context);
        PolicyDecision decision = decide(exchange);
        exchange.decision = decision.decision();
        CredentialBroker broker = stages.brokers().broker().orElseThrow(() -> new GatewayException(
                ErrorCode.CREDENTIALS_UNAVAILABLE, "No upstream credential broker is active; configure one "
                        + "(etc/io.gatehouse.credentials.static.cfg for development)."));
        URI endpoint = stages.endpoints().resolve(service, region);
        return stages.approvals().clear(exchange.authenticated.identity(), exchange.request, exchange.operation,
                        decision, client)
                .thenCompose(approvalId -> {
                    exchange.approvalId = approvalId;
                    return broker.credentialsFor(exchange.authenticated.identity(),
                            exchange.operation, exchange.decision);
                })
                .thenCompose(credentials -> {
                    stages.authenticator().recheck(exchange.authenticated);
                    UpstreamBody body = UpstreamBodies.of(exchange.request, exchange.authenticated.seed());
                    return stages.forwarder().forward(stages.requests().create(forwarded, exchange.operation,
                                    endpoint, credentials, body), body)
                            .thenApply(answer -> {
                                // A session revoked while its call was upstream gets no answer.
                                stages.authenticator().recheck(exchange.authenticated);
                                return ResponseScrubber.scrub(answer, credentials);
                            });
                });
    }

    private static AwsOperation decode(ServiceAdapter adapter, RequestView request, DecodeContext context) {
        try {
            AwsOperation operation = adapter.decode(request, context);
            if (!operation.service().equals(context.service()) || !operation.region().equals(context.region())) {
                throw new GatewayException(ErrorCode.INTERNAL, "The " + context.service()
                        + " adapter decoded the call for another service or region; the call is refused.");
            }
            return operation;
        } catch (DecodeException e) {
            throw new GatewayException(400, e.errorCode(), e.getMessage());
        }
    }

    private PolicyDecision decide(Exchange exchange) {
        Identity identity = exchange.authenticated.identity();
        if (!identity.scope().permits(exchange.operation)) {
            throw new GatewayException(ErrorCode.ACCESS_DENIED, "Gatehouse denied " + exchange.operation.iamAction()
                    + " on " + exchange.operation.resources() + ": it is outside the scope of session "
                    + identity.sessionId() + " (actions " + identity.scope().actions() + ", resources "
                    + identity.scope().resources() + ").");
        }
        return stages.decider().decide(identity, exchange.operation);
    }

    private static GatewayException toGatewayError(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof GatewayException) {
            return (GatewayException) cause;
        }
        if (cause instanceof TimeoutException) {
            return new GatewayException(ErrorCode.UPSTREAM_TIMEOUT,
                    "The call did not complete within the gateway's request time limit.");
        }
        if (cause instanceof CredentialException) {
            return new GatewayException(ErrorCode.CREDENTIALS_UNAVAILABLE,
                    "Upstream credentials are unavailable: " + cause.getMessage());
        }
        LOG.error("Unexpected failure in the pipeline", cause);
        return new GatewayException(ErrorCode.INTERNAL, "An unexpected error occurred in the gateway; the call "
                + "was refused. The gateway log has the details.");
    }

    /** What the stages learned about one call; written by one thread at a time. */
    static final class Exchange {
        final RequestView request;
        volatile Protocol protocol;
        volatile Authenticator.Authenticated authenticated;
        volatile AwsOperation operation;
        volatile Decision decision;
        volatile String approvalId = "";

        Exchange(RequestView request) {
            this.request = request;
            this.protocol = ErrorRenderer.guessProtocol(request);
        }
    }
}
