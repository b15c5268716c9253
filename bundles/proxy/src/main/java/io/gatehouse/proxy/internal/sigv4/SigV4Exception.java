package io.gatehouse.proxy.internal.sigv4;

import java.util.Objects;

/**
 * A request's SigV4 signature could not be accepted. The message is meant for the caller: it says what is wrong and
 * never contains a secret, a signing key or the signature the gateway expected.
 */
public final class SigV4Exception extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the signature was refused. */
    public enum Reason {
        /** The request carries no SigV4 authentication at all. */
        MISSING,
        /** The authentication is present but incomplete or cannot be parsed. */
        MALFORMED,
        /** The request time lies outside the accepted clock skew. */
        EXPIRED,
        /** The signature or the payload hash does not match the request. */
        MISMATCH,
        /** A valid SigV4 variant the gateway does not support yet (streaming payloads, presigned URLs). */
        UNSUPPORTED
    }

    private final Reason reason;

    /**
     * @param reason why the signature was refused
     * @param message a message safe to show to the caller
     */
    public SigV4Exception(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return why the signature was refused */
    public Reason reason() {
        return reason;
    }
}
