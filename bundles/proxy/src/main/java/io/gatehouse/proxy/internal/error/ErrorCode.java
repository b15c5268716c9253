package io.gatehouse.proxy.internal.error;

/**
 * The errors the gateway itself answers with, each with the HTTP status and the AWS-style code that the caller's
 * SDK or CLI prints. Client errors (4xx) are those a retry cannot fix.
 */
public enum ErrorCode {
    /** No signature at all. */
    MISSING_AUTHENTICATION(403, "MissingAuthenticationTokenException"),
    /** The Authorization header cannot be parsed. */
    INCOMPLETE_SIGNATURE(400, "IncompleteSignatureException"),
    /** The access key id names no client key or session. */
    UNRECOGNIZED_CLIENT(403, "UnrecognizedClientException"),
    /** The signature does not match, or the request is too old or too new. */
    INVALID_SIGNATURE(403, "InvalidSignatureException"),
    /** A signing feature this version does not support. */
    NOT_IMPLEMENTED(400, "NotImplemented"),
    /** No adapter is active for the service named in the credential scope. */
    NO_SERVICE_ADAPTER(400, "NoServiceAdapter"),
    /** The call is refused by policy. */
    ACCESS_DENIED(403, "AccessDeniedException"),
    /** No policy engine is active, so nothing can be decided. */
    POLICY_UNAVAILABLE(503, "PolicyUnavailable"),
    /** The call needs approval and reviewers have not approved it (yet); the identical call may be made again. */
    APPROVAL_PENDING(403, "ApprovalPending"),
    /** A reviewer denied the call's approval. */
    APPROVAL_DENIED(403, "ApprovalDenied"),
    /** Nobody decided the approval within its validity. */
    APPROVAL_EXPIRED(403, "ApprovalExpired"),
    /** The call needs approval but no approval service is active. */
    APPROVAL_UNAVAILABLE(503, "ApprovalUnavailable"),
    /** The client went away while its call was held; nothing was run. */
    CLIENT_GONE(499, "ClientClosedRequest"),
    /** The request is malformed for its protocol (the adapter's code is used instead where it has one). */
    BAD_REQUEST(400, "ValidationException"),
    /** The request body exceeds the configured limit. */
    REQUEST_TOO_LARGE(413, "RequestEntityTooLarge"),
    /** The request took longer than the configured request time. */
    REQUEST_TIMEOUT(408, "RequestTimeout"),
    /** No upstream endpoint is allowed for this service and region. */
    ENDPOINT_NOT_ALLOWED(400, "EndpointNotAllowed"),
    /** No credential broker is active, or it failed. */
    CREDENTIALS_UNAVAILABLE(503, "ServiceUnavailable"),
    /** The upstream endpoint could not be reached or did not answer in time. */
    UPSTREAM_UNREACHABLE(502, "UpstreamUnreachable"),
    /** The upstream endpoint did not answer within the configured time. */
    UPSTREAM_TIMEOUT(504, "GatewayTimeout"),
    /** The upstream response exceeds the configured limit. */
    RESPONSE_TOO_LARGE(502, "ResponseTooLarge"),
    /** A streamed body does not hash to the {@code x-amz-content-sha256} it was signed with; nothing was stored. */
    PAYLOAD_HASH_MISMATCH(400, "XAmzContentSHA256Mismatch"),
    /** An aws-chunked chunk or trailer signature does not match; nothing was stored. */
    CHUNK_SIGNATURE_MISMATCH(403, "SignatureDoesNotMatch"),
    /** An aws-chunked body breaks the chunk grammar or its declared lengths. */
    MALFORMED_CHUNKED_BODY(400, "IncompleteBody"),
    /** An aws-chunked chunk is larger than the gateway holds for verification. */
    CHUNK_TOO_LARGE(400, "InvalidChunkSizeError"),
    /** A trailing checksum does not match the uploaded data. */
    BAD_DIGEST(400, "BadDigest"),
    /** A streamed upload without Content-Length (or x-amz-decoded-content-length for aws-chunked). */
    MISSING_CONTENT_LENGTH(411, "MissingContentLength"),
    /** The client's body ended early or could not be read. */
    INCOMPLETE_BODY(400, "IncompleteBody"),
    /** An unexpected failure inside the gateway; the call was not forwarded or its answer withheld. */
    INTERNAL(500, "InternalFailure");

    private final int status;
    private final String code;

    ErrorCode(int status, String code) {
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
