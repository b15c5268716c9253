package io.gatehouse.api.credentials;

/**
 * Upstream credentials could not be obtained. The call is refused; the message is shown to the caller and must not
 * contain secrets.
 *
 * @since 1.0
 */
public class CredentialException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, without secrets
     * @param cause the underlying failure, may be null
     */
    public CredentialException(String message, Throwable cause) {
        super(message, cause);
    }
}
