package io.gatehouse.proxy.internal.pipeline;

import io.gatehouse.api.exchange.ResponseView;
import io.gatehouse.proxy.internal.error.GatewayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per call, at INFO on the logger {@code io.gatehouse.access}: who (subject, delegation chain, access key,
 * session and its declared purpose), what
 * (action and resources), the decision, the status and the time taken. Never secrets or bodies.
 */
public final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("io.gatehouse.access");

    void record(Pipeline.Exchange exchange, ResponseView response, GatewayException error, long startedNanos) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        long millis = (System.nanoTime() - startedNanos) / 1_000_000;
        String who = exchange.authenticated == null ? "-" : exchange.authenticated.identity().subject()
                + " chain=" + exchange.authenticated.identity().delegationChain()
                + " key=" + exchange.authenticated.identity().accessKeyId()
                + " session=" + exchange.authenticated.identity().sessionId()
                + (exchange.authenticated.identity().purpose().isEmpty() ? ""
                        : " purpose=\"" + exchange.authenticated.identity().purpose().replace("\"", "\\\"") + "\"");
        String what = exchange.operation == null ? exchange.request.method() + " " + exchange.request.rawPath()
                : exchange.operation.iamAction() + " " + exchange.operation.region() + " "
                + exchange.operation.resources();
        String decision = exchange.decision == null ? "-" : exchange.decision.outcome() + "(" + exchange.decision.rule()
                + (exchange.approvalId.isEmpty() ? "" : " approval=" + exchange.approvalId) + ")";
        LOG.info("caller={} call={} decision={} status={} error={} ms={}", who, what, decision, response.status(),
                error == null ? "-" : error.code(), millis);
    }
}
