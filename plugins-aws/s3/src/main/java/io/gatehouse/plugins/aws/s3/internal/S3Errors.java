package io.gatehouse.plugins.aws.s3.internal;

import io.gatehouse.api.adapter.DecodeException;

/** The error codes the S3 adapter refuses with, spelled as S3 spells its own. */
final class S3Errors {

    /** A bucket name S3 would not accept. */
    static final String INVALID_BUCKET_NAME = "InvalidBucketName";
    /** A path, key or query that cannot be read one single way. */
    static final String INVALID_URI = "InvalidURI";
    /** A request whose parameter is missing or unusable. */
    static final String INVALID_ARGUMENT = "InvalidArgument";
    /** A DeleteObjects body that is not the document S3 expects. */
    static final String MALFORMED_XML = "MalformedXML";

    private S3Errors() {
    }

    static DecodeException unknown(String message) {
        return new DecodeException(DecodeException.UNKNOWN_OPERATION, message);
    }

    static DecodeException of(String code, String message) {
        return new DecodeException(code, message);
    }
}
