package io.gatehouse.api.adapter;

import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.api.exchange.ResponseView;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decodes the calls of one AWS service. Register an implementation as an OSGi service with the
 * {@value #SERVICE} property set to the SigV4 signing name of the service it decodes (for example
 * {@code dynamodb}). The proxy routes a call to the adapter named by the service in the client's SigV4 credential
 * scope, never by the Host header. When several adapters claim one service, the one with the highest
 * {@code service.ranking} wins (then the lowest {@code service.id}).
 *
 * <p>Implementations are stateless and thread-safe.
 *
 * @since 1.0
 */
@ConsumerType
public interface ServiceAdapter {

    /** Service property: the SigV4 signing name of the service this adapter decodes (a String). */
    String SERVICE = "gatehouse.service";

    /**
     * @return the wire protocol of the service, which also decides the shape of the errors Gatehouse returns
     */
    Protocol protocol();

    /**
     * The protocol of one request, for services that accept several (SQS takes both the query and the JSON
     * protocol). Errors for the request are shaped in this protocol.
     *
     * @param request the client's request
     * @return the protocol the request is written in; by default {@link #protocol()}
     * @since 1.1
     */
    default Protocol protocol(RequestView request) {
        return protocol();
    }

    /**
     * Decodes a request into the operation it performs and every resource it touches.
     *
     * @param request the request exactly as the client sent it; its signature has been verified
     * @param context the service, region and account of the call
     * @return the decoded operation
     * @throws DecodeException when the request is malformed, its action is unknown or ambiguous; the message is shown
     *         to the caller
     */
    AwsOperation decode(RequestView request, DecodeContext context) throws DecodeException;

    /**
     * The request the gateway forwards upstream for a request this adapter has {@linkplain #decode decoded}: the
     * same call in the one form the upstream endpoint reads the same way the adapter did. Classification and
     * forwarding must rest on the same parse, so an adapter whose {@code decode} reads part of the call from where
     * the upstream endpoint would read it differently (S3's virtual-hosted-style Host header, which the gateway does
     * not forward) rewrites the request here (S3: {@code Host: bucket.s3...} and {@code /key} become
     * {@code /bucket/key}, the key's encoding and the query unchanged).
     *
     * <p>Called only after {@code decode} accepted the same request and context, after the client's signature was
     * verified on the original request. The gateway still replaces the Host header with the upstream endpoint's and
     * re-signs what is returned. The body must be the request's own.
     *
     * @param request the request exactly as the client sent it; {@code decode} accepted it
     * @param context the service, region and account of the call
     * @return the request to forward; by default {@code request} unchanged
     * @since 1.2
     */
    default RequestView forwardedRequest(RequestView request, DecodeContext context) {
        return request;
    }

    /**
     * Exposes the text-valued fields of an upstream response so that masking can rewrite them.
     *
     * @param operation the operation the response answers
     * @param response the upstream response
     * @return the fields, or empty when this adapter does not understand the response (it is then treated as opaque)
     * @throws DecodeException when the response should be structured but cannot be parsed
     */
    default Optional<ResponseFields> responseFields(AwsOperation operation, ResponseView response)
            throws DecodeException {
        return Optional.empty();
    }
}
