package io.gatehouse.identity.internal.exchange;

import java.util.Optional;

/** Verifies subject tokens of the token types it knows (an OIDC issuer, the development issuer). */
public interface SubjectTokenVerifier {

    /**
     * @param tokenType the {@code subject_token_type}
     * @param token the {@code subject_token}, untrusted
     * @param request what else the request said
     * @return the subject, or empty when this verifier does not handle the token (type or issuer)
     * @throws OAuthError when it handles the token and refuses it
     */
    Optional<VerifiedSubject> verify(String tokenType, String token, TokenExchangeRequest request) throws OAuthError;
}
