package io.gatehouse.proxy.internal.error;

/**
 * A refusal by the gateway, answered to the caller as an AWS-shaped error. The message is shown to the caller: it
 * says what happened and what to do, and never contains secrets.
 */
public final class GatewayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    /**
     * @param error the kind of refusal
     * @param message what happened and what to do
     */
    public GatewayException(ErrorCode error, String message) {
        this(error.status(), error.code(), message);
    }

    /**
     * @param status HTTP status
     * @param code AWS-style error code, e.g. an adapter's {@code ValidationException}
     * @param message what happened and what to do
     */
    public GatewayException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the AWS-style error code */
    public String code() {
        return code;
    }
}
