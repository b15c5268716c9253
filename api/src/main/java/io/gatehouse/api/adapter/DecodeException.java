package io.gatehouse.api.adapter;

/**
 * A request or response that an adapter cannot decode. The proxy refuses the call with a client error carrying
 * {@link #errorCode()} and the message, shaped for the service's protocol.
 *
 * @since 1.0
 */
public class DecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Error code for a body that is not valid for the protocol. */
    public static final String SERIALIZATION = "SerializationException";
    /** Error code for an action the adapter does not know. */
    public static final String UNKNOWN_OPERATION = "UnknownOperationException";
    /** Error code for a well-formed request with missing or invalid parameters. */
    public static final String VALIDATION = "ValidationException";

    private final String errorCode;

    /**
     * @param errorCode the AWS-style error code, e.g. {@value #UNKNOWN_OPERATION}
     * @param message what is wrong and, where possible, what to do; shown to the caller
     */
    public DecodeException(String errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    /** @return the AWS-style error code */
    public String errorCode() {
        return errorCode;
    }
}
