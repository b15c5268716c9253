package io.gatehouse.identity.internal.session;

/** A session token was refused; the message says why without echoing the token. */
public final class InvalidSessionTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message why, without the token */
    public InvalidSessionTokenException(String message) {
        super(message, null, false, false);
    }
}
