package io.gatehouse.approval.internal;

/**
 * A control-API request is refused: the HTTP status, an OAuth-style error code and a sentence for the caller.
 */
public final class ReviewException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;

    /**
     * @param status the HTTP status, e.g. 403
     * @param error a short code, e.g. {@code access_denied}
     * @param description what happened and what to do
     */
    public ReviewException(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
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
