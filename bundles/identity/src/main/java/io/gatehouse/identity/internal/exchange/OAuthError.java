package io.gatehouse.identity.internal.exchange;

/**
 * A refusal of the token endpoint, answered as an RFC 6749 §5.2 JSON error: {@code error} and
 * {@code error_description}. The description is shown to the caller: it says what to do and never echoes a token.
 */
public final class OAuthError extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;

    /**
     * @param status HTTP status (400 for client errors, 401 for a refused subject token, 503 when a provider is down)
     * @param error the RFC 6749 / RFC 8693 error code, e.g. {@code invalid_request}
     * @param description what happened and what to do
     */
    public OAuthError(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    /** @return invalid_request with the given description */
    static OAuthError invalidRequest(String description) {
        return new OAuthError(400, "invalid_request", description);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the error code */
    public String error() {
        return error;
    }
}
