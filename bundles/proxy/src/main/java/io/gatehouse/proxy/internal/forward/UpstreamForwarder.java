package io.gatehouse.proxy.internal.forward;

import io.gatehouse.api.exchange.ResponseView;
import io.gatehouse.proxy.internal.error.ErrorCode;
import io.gatehouse.proxy.internal.error.GatewayException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;

/**
 * Sends signed requests upstream with the AWS SDK's non-blocking Netty client. Redirects are never followed: the
 * client does not follow them, and the answer goes back to the caller as it is.
 */
public final class UpstreamForwarder implements AutoCloseable {

    private final SdkAsyncHttpClient client;
    private final long maxResponseBytes;

    /**
     * @param timeout connect and read timeout per upstream call
     * @param maxConnections the most connections held open to upstreams
     * @param maxResponseBytes the largest upstream answer accepted
     */
    public UpstreamForwarder(Duration timeout, int maxConnections, long maxResponseBytes) {
        this.client = NettyNioAsyncHttpClient.builder()
                .connectionTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .connectionAcquisitionTimeout(timeout)
                .maxConcurrency(maxConnections)
                .build();
        this.maxResponseBytes = maxResponseBytes;
    }

    /**
     * @param request the signed upstream request
     * @param body its body
     * @return the upstream answer, or an exceptional stage with a {@link GatewayException}
     */
    public CompletionStage<ResponseView> forward(SdkHttpRequest request, byte[] body) {
        return forward(request, UpstreamBody.held(body));
    }

    /**
     * @param request the signed upstream request
     * @param body its body, held or streamed
     * @return the upstream answer (large successful GET answers with a streamed body), or an exceptional stage with
     *         a {@link GatewayException} — for a streamed body whose check failed, that check's refusal
     */
    public CompletionStage<ResponseView> forward(SdkHttpRequest request, UpstreamBody body) {
        UpstreamResponseHandler handler = new UpstreamResponseHandler(maxResponseBytes,
                request.method() == SdkHttpMethod.GET);
        body.ready().whenComplete((ready, notReady) -> {
            if (notReady != null) {
                handler.result().completeExceptionally(notReady);
                return;
            }
            CompletableFuture<Void> sent = client.execute(AsyncExecuteRequest.builder()
                    .request(request)
                    .requestContentPublisher(body.publisher())
                    .responseHandler(handler)
                    .build());
            sent.whenComplete((ignored, error) -> {
                body.release();
                if (error != null) {
                    handler.result().completeExceptionally(error);
                }
            });
        });
        return handler.result().thenApply(answer -> {
            // an upstream may answer an aborted upload (after reading what came); the client gets the refusal
            if (body.failure().isPresent()) {
                throw new CompletionException(body.failure().get());
            }
            return answer;
        }).exceptionally(error -> {
            throw asGatewayError(error, request, body);
        });
    }

    private static CompletionException asGatewayError(Throwable error, SdkHttpRequest request, UpstreamBody body) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (body.failure().isPresent()) {
            return new CompletionException(body.failure().get());
        }
        if (cause instanceof GatewayException) {
            return new CompletionException(cause);
        }
        return new CompletionException(new GatewayException(ErrorCode.UPSTREAM_UNREACHABLE,
                "The upstream endpoint " + request.protocol() + "://" + request.host() + ":" + request.port()
                        + " did not answer: " + cause.getClass().getSimpleName()
                        + ". Check the endpoint configuration and that it is running."));
    }

    @Override
    public void close() {
        client.close();
    }
}
