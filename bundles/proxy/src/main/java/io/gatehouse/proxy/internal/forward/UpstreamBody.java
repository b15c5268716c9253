package io.gatehouse.proxy.internal.forward;

import io.gatehouse.proxy.internal.error.GatewayException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import software.amazon.awssdk.http.async.SdkHttpContentPublisher;

/**
 * The body Gatehouse sends upstream: either held completely (signed with its SHA-256, as before) or streamed from the
 * client's connection through a {@link io.gatehouse.proxy.internal.stream.PayloadCheck} (signed
 * {@code UNSIGNED-PAYLOAD}: the gateway checked the client's payload signature itself).
 */
public interface UpstreamBody {

    /** @return the number of bytes sent upstream (the upstream Content-Length) */
    long length();

    /** @return the bytes of a body the gateway holds; empty for a streamed one */
    Optional<byte[]> held();

    /** @return the publisher the upstream client reads the body from */
    SdkHttpContentPublisher publisher();

    /** @return why a streamed body was aborted (a failed payload check or a broken client connection) */
    Optional<GatewayException> failure();

    /**
     * @return completes when the upstream request may start: at once, or for a spooled upload once the whole body
     *         passed its check (exceptionally with the refusal when it did not)
     */
    default CompletionStage<Void> ready() {
        return CompletableFuture.completedFuture(null);
    }

    /** The upstream exchange is over (answered or failed): resources the body holds (a spool file) are freed. */
    default void release() {
    }

    /**
     * @param bytes a complete body
     * @return the body, held
     */
    static UpstreamBody held(byte[] bytes) {
        return new UpstreamBody() {
            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public Optional<byte[]> held() {
                return Optional.of(bytes);
            }

            @Override
            public SdkHttpContentPublisher publisher() {
                return new ByteArrayContentPublisher(bytes);
            }

            @Override
            public Optional<GatewayException> failure() {
                return Optional.empty();
            }
        };
    }
}
