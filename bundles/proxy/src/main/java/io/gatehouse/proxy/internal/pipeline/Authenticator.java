package io.gatehouse.proxy.internal.pipeline;

import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.proxy.internal.error.ErrorCode;
import io.gatehouse.proxy.internal.error.GatewayException;
import io.gatehouse.proxy.internal.keys.AccessKeyStore;
import io.gatehouse.proxy.internal.keys.ConfiguredAccessKey;
import io.gatehouse.proxy.internal.sigv4.SigV4Authorization;
import io.gatehouse.proxy.internal.sigv4.SigV4Exception;
import io.gatehouse.proxy.internal.sigv4.SigV4Verifier;
import java.time.Instant;
import java.util.List;

/**
 * The authenticate stage: finds the client key named in the SigV4 credential scope, verifies the signature with its
 * secret and yields the caller's {@link Identity}. Every failure is a refusal before anything is decoded or sent.
 */
public final class Authenticator {

    private final AccessKeyStore keys;
    private final SigV4Verifier verifier;

    /**
     * @param keys the configured client keys
     * @param verifier the signature verifier
     */
    public Authenticator(AccessKeyStore keys, SigV4Verifier verifier) {
        this.keys = keys;
        this.verifier = verifier;
    }

    /**
     * An authenticated request.
     *
     * @param identity who calls
     * @param authorization the verified SigV4 authorization: its scope names the service and region
     */
    public record Authenticated(Identity identity, SigV4Authorization authorization) {
    }

    /**
     * @param request the client's request
     * @return the caller
     * @throws GatewayException when the signature is missing, malformed, wrong or expired, or the key unknown
     */
    public Authenticated authenticate(RequestView request) {
        try {
            SigV4Authorization authorization = SigV4Authorization.parse(request);
            ConfiguredAccessKey key = keys.find(authorization.accessKeyId()).orElseThrow(() -> new GatewayException(
                    ErrorCode.UNRECOGNIZED_CLIENT, "The access key id " + authorization.accessKeyId()
                            + " is not known to this gateway. Sign with a key the gateway issued or configured."));
            verifier.verify(request, authorization, keys.secretOf(key));
            return new Authenticated(identityOf(key), authorization);
        } catch (SigV4Exception e) {
            throw new GatewayException(errorFor(e.reason()), e.getMessage());
        }
    }

    private static Identity identityOf(ConfiguredAccessKey key) {
        return new Identity(key.subject(), key.groups(), List.of(), "key:" + key.accessKeyId(), key.accessKeyId(),
                "", Instant.MAX);
    }

    private static ErrorCode errorFor(SigV4Exception.Reason reason) {
        return switch (reason) {
            case MISSING -> ErrorCode.MISSING_AUTHENTICATION;
            case MALFORMED -> ErrorCode.INCOMPLETE_SIGNATURE;
            case EXPIRED, MISMATCH -> ErrorCode.INVALID_SIGNATURE;
            case UNSUPPORTED -> ErrorCode.NOT_IMPLEMENTED;
        };
    }
}
