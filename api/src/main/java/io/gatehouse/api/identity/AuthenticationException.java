package io.gatehouse.api.identity;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A credential was recognised but refused. The data plane answers the call with the AWS-style {@link #code()} (as
 * HTTP 403) and the message, so the message is shown to the caller: it says what happened and what to do and never
 * contains a secret, a token or a key derived from them.
 *
 * @since 1.0
 */
public class AuthenticationException extends Exception {

    /** The session has passed its expiration. */
    public static final String EXPIRED_TOKEN = "ExpiredTokenException";
    /** The session token is missing, malformed, not signed by this gateway, or does not match the key. */
    public static final String INVALID_TOKEN = "InvalidClientTokenId";
    /** The access key or session is not (or no longer) valid, e.g. revoked. */
    public static final String UNRECOGNIZED_CLIENT = "UnrecognizedClientException";

    private static final long serialVersionUID = 1L;
    private static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z0-9.]{0,63}");

    private final String code;

    /**
     * @param code the AWS-style error code, e.g. {@link #EXPIRED_TOKEN}; letters, digits and dots
     * @param message what happened and what to do, without secrets
     * @throws IllegalArgumentException when the code is not a plain identifier
     */
    public AuthenticationException(String code, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        if (!CODE.matcher(Objects.requireNonNull(code, "code")).matches()) {
            throw new IllegalArgumentException("Not an AWS-style error code: " + code);
        }
        this.code = code;
    }

    /** @return the AWS-style error code the caller sees */
    public String code() {
        return code;
    }
}
