package io.gatehouse.proxy.internal.pipeline;

import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.api.identity.AuthenticationException;
import io.gatehouse.api.identity.CredentialResolver;
import io.gatehouse.api.identity.ResolvedCredential;
import io.gatehouse.proxy.internal.error.ErrorCode;
import io.gatehouse.proxy.internal.error.GatewayException;
import io.gatehouse.proxy.internal.keys.AccessKeyStore;
import io.gatehouse.proxy.internal.keys.ConfiguredAccessKey;
import io.gatehouse.proxy.internal.registry.ResolverRegistry;
import io.gatehouse.proxy.internal.sigv4.SeedSignature;
import io.gatehouse.proxy.internal.sigv4.SigV4Authorization;
import io.gatehouse.proxy.internal.sigv4.SigV4Exception;
import io.gatehouse.proxy.internal.sigv4.SigV4Verifier;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authenticate stage: finds the client key named in the SigV4 credential scope (a configured key first, then the
 * {@link CredentialResolver}s best-ranked first, given the request's {@code X-Amz-Security-Token}), verifies the
 * signature with its secret and yields the caller's {@link Identity}. Every failure is a refusal before anything is
 * decoded or sent.
 */
public final class Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

    private final AccessKeyStore keys;
    private final ResolverRegistry resolvers;
    private final SigV4Verifier verifier;

    /**
     * @param keys the configured client keys
     * @param resolvers the resolvers asked about keys that are not configured
     * @param verifier the signature verifier
     */
    public Authenticator(AccessKeyStore keys, ResolverRegistry resolvers, SigV4Verifier verifier) {
        this.keys = keys;
        this.resolvers = resolvers;
        this.verifier = verifier;
    }

    /**
     * An authenticated request.
     *
     * @param identity who calls
     * @param authorization the verified SigV4 authorization: its scope names the service and region
     * @param sessionToken the request's session token, for checking again later that the session still holds
     * @param seed the verified signature with its signing key, for checking a streamed payload
     */
    public record Authenticated(Identity identity, SigV4Authorization authorization, Optional<String> sessionToken,
                                SeedSignature seed) {

        /** Never prints the session token. */
        @Override
        public String toString() {
            return "Authenticated[" + identity.subject() + ", " + identity.sessionId() + "]";
        }
    }

    /**
     * @param request the client's request
     * @return the caller
     * @throws GatewayException when the signature is missing, malformed, wrong or expired, or the key unknown
     */
    public Authenticated authenticate(RequestView request) {
        try {
            SigV4Authorization authorization = SigV4Authorization.parse(request);
            Optional<String> sessionToken = sessionToken(request);
            ResolvedCredential credential = credentialFor(authorization.accessKeyId(), sessionToken);
            SeedSignature seed = verifier.verify(request, authorization, credential.signingSecret());
            return new Authenticated(credential.identity(), authorization, sessionToken, seed);
        } catch (SigV4Exception e) {
            throw new GatewayException(errorFor(e.reason()), e.getMessage());
        }
    }

    /**
     * Checks again that an authenticated caller's key or session still holds, so that a session revoked (or a key
     * removed) while its call is in flight gets no answer and is not forwarded.
     *
     * @param caller a caller authenticated earlier
     * @throws GatewayException when the key or session no longer holds
     */
    public void recheck(Authenticated caller) {
        credentialFor(caller.authorization().accessKeyId(), caller.sessionToken());
    }

    private ResolvedCredential credentialFor(String accessKeyId, Optional<String> sessionToken) {
        Optional<ConfiguredAccessKey> configured = keys.find(accessKeyId);
        if (configured.isPresent()) {
            return new ResolvedCredential(identityOf(configured.get()), keys.secretOf(configured.get()));
        }
        for (CredentialResolver resolver : resolvers.resolvers()) {
            Optional<ResolvedCredential> resolved = resolve(resolver, accessKeyId, sessionToken);
            if (resolved.isPresent()) {
                return resolved.get();
            }
        }
        throw new GatewayException(ErrorCode.UNRECOGNIZED_CLIENT, "The access key id " + accessKeyId
                + " is not known to this gateway. Sign with a key the gateway issued or configured.");
    }

    private static Optional<ResolvedCredential> resolve(CredentialResolver resolver, String accessKeyId,
                                                        Optional<String> sessionToken) {
        try {
            Optional<ResolvedCredential> resolved = resolver.resolve(accessKeyId, sessionToken);
            if (resolved == null
                    || resolved.isPresent() && !accessKeyId.equals(resolved.get().identity().accessKeyId())) {
                throw new IllegalStateException("resolver answered null or for another access key id");
            }
            return resolved;
        } catch (AuthenticationException e) {
            throw new GatewayException(403, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            // Fail closed: a broken resolver refuses the call rather than letting another resolver guess. Its
            // message is not logged: it may echo the token it was given.
            LOG.error("Credential resolver {} failed for access key id {} with {}", resolver.getClass().getName(),
                    accessKeyId, e.getClass().getName());
            throw new GatewayException(ErrorCode.INTERNAL, "The gateway could not check the access key id "
                    + accessKeyId + "; the call was refused. The gateway log has the details.");
        }
    }

    private static Optional<String> sessionToken(RequestView request) throws SigV4Exception {
        List<String> tokens = request.headers().all(CredentialResolver.SESSION_TOKEN_HEADER);
        if (tokens.size() > 1) {
            throw new SigV4Exception(SigV4Exception.Reason.MALFORMED, "The request carries more than one "
                    + CredentialResolver.SESSION_TOKEN_HEADER + " header; send exactly one.");
        }
        return tokens.stream().findFirst();
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
