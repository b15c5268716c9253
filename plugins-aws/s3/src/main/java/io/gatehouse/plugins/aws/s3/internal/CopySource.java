package io.gatehouse.plugins.aws.s3.internal;

import io.gatehouse.api.adapter.DecodeException;
import java.util.Optional;

/**
 * The object an {@code x-amz-copy-source} header names: {@code [/]bucket/key[?versionId=ID]}, URL-encoded. As S3
 * does, the version is split off at the raw {@code ?} (a {@code ?} inside a key arrives as {@code %3F}) and the key is
 * then percent-decoded once, {@code %2F} staying a slash inside it. A literal {@code +} is refused: whether S3 reads it
 * as a plus or a space in this header is not documented, so the caller must write {@code %2B} or {@code %20}.
 * Access point and Outposts ARNs are refused.
 *
 * @param bucket the source bucket
 * @param key the source key
 * @param versionId the source version, when given
 */
record CopySource(String bucket, String key, Optional<String> versionId) {

    static CopySource parse(String header) throws DecodeException {
        String raw = header.startsWith("/") ? header.substring(1) : header;
        if (raw.startsWith("arn:") || raw.startsWith("arn%3A") || raw.startsWith("arn%3a")) {
            throw S3Errors.of(S3Errors.INVALID_ARGUMENT, "x-amz-copy-source names an access point ARN, which"
                    + " Gatehouse does not support; name the bucket and key.");
        }
        if (raw.indexOf('+') >= 0) {
            throw S3Errors.of(S3Errors.INVALID_ARGUMENT, "x-amz-copy-source contains a literal '+'; encode a plus as"
                    + " %2B and a space as %20.");
        }
        Optional<String> versionId = Optional.empty();
        int question = raw.indexOf('?');
        if (question >= 0) {
            String query = raw.substring(question + 1);
            if (!query.startsWith("versionId=") || query.indexOf('&') >= 0) {
                throw S3Errors.of(S3Errors.INVALID_ARGUMENT, "x-amz-copy-source may only carry ?versionId=...;"
                        + " encode a '?' in a key as %3F.");
            }
            versionId = Optional.of(PercentDecoder.decode(query.substring("versionId=".length()), false,
                    "x-amz-copy-source versionId"));
            raw = raw.substring(0, question);
        }
        int slash = raw.indexOf('/');
        if (slash <= 0 || slash == raw.length() - 1) {
            throw S3Errors.of(S3Errors.INVALID_ARGUMENT, "x-amz-copy-source must be bucket/key (URL-encoded).");
        }
        // split before decoding: a bucket written with %2F is refused instead of shifting the bucket/key boundary
        String bucket = BucketNames.validate(PercentDecoder.decode(raw.substring(0, slash), false,
                "x-amz-copy-source bucket"));
        return new CopySource(bucket, PercentDecoder.decode(raw.substring(slash + 1), false, "x-amz-copy-source key"),
                versionId);
    }
}
