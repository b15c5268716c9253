package io.gatehouse.api.identity;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Resolves an access key id that a client signed a request with into the caller's identity and the secret the
 * signature must be verified with. The data plane consults its own configured client keys first, then every
 * registered resolver in order of {@code service.ranking} (highest first, then lowest {@code service.id}); the
 * first resolver that recognises the key decides. The data plane then verifies the SigV4 signature with the
 * returned secret; a resolver never sees or judges the signature.
 *
 * <p>Resolvers are called on the request path for every call: they must answer from memory or from the token
 * itself, never by contacting an identity provider, and must be thread safe.
 *
 * @since 1.0
 */
@ConsumerType
public interface CredentialResolver {

    /** Service property: a short name of the resolver shown in logs and the console (a String). */
    String NAME = "gatehouse.identity.resolver.name";

    /** The request header that carries the session token of temporary credentials. */
    String SESSION_TOKEN_HEADER = "X-Amz-Security-Token";

    /**
     * Resolves one access key id.
     *
     * @param accessKeyId the access key id from the request's SigV4 credential scope, never null
     * @param sessionToken the value of the request's {@value #SESSION_TOKEN_HEADER} header, if it has exactly one;
     *        untrusted client input until the resolver has verified it
     * @return the identity and signing secret, or empty when this resolver does not recognise the key (the next
     *         resolver is asked)
     * @throws AuthenticationException when the resolver recognises the key but refuses it (expired, revoked,
     *         token invalid or not matching the key); the call is refused with the exception's code and message
     */
    Optional<ResolvedCredential> resolve(String accessKeyId, Optional<String> sessionToken)
            throws AuthenticationException;
}
