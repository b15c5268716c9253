package io.gatehouse.plugins.aws.s3.internal;

import io.gatehouse.api.adapter.DecodeException;
import java.util.Optional;

/**
 * The bucket and key a request addresses. Virtual-hosted style is recognised only for the Hosts {@link VirtualHosts}
 * accepts; any other Host means path style. The bucket is never guessed from an arbitrary Host.
 *
 * <p>The key is the rest of the raw path after the bucket, percent-decoded exactly once and not normalised: S3 keeps
 * {@code %2F} as a slash in the key, {@code +} as a plus, and {@code .}/{@code ..} segments and empty segments as
 * part of the key.
 *
 * @param bucket the bucket name, empty for the service root (ListBuckets)
 * @param key the object key, empty for bucket-level calls
 * @param virtualHosted whether the bucket came from the Host header
 * @param rawKey the key exactly as it was encoded in the request path, for forwarding path-style
 */
record S3Address(String bucket, String key, boolean virtualHosted, String rawKey) {

    private static final int MAX_KEY_BYTES = 1024;

    boolean hasBucket() {
        return !bucket.isEmpty();
    }

    boolean hasKey() {
        return !key.isEmpty();
    }

    /**
     * @return the path-style raw path of this address, {@code /bucket} or {@code /bucket/raw-key} with the key
     *         encoded exactly as the client encoded it; {@code /} for the service root
     */
    String pathStyleRawPath() {
        if (!hasBucket()) {
            return "/";
        }
        return "/" + bucket + (rawKey.isEmpty() ? "" : "/" + rawKey);
    }

    /** Reads path-style and the AWS virtual-hosted Hosts only. */
    static S3Address of(Optional<String> host, String rawPath) throws DecodeException {
        return of(host, rawPath, VirtualHosts.AWS_ONLY);
    }

    static S3Address of(Optional<String> host, String rawPath, VirtualHosts virtualHosts) throws DecodeException {
        if (!rawPath.startsWith("/")) {
            throw S3Errors.of(S3Errors.INVALID_URI, "The request path must start with '/'.");
        }
        Optional<String> hostBucket = host.flatMap(virtualHosts::bucket);
        if (hostBucket.isPresent()) {
            String rawKey = rawPath.substring(1);
            return new S3Address(BucketNames.validate(hostBucket.get()), key(rawKey), true, rawKey);
        }
        String rest = rawPath.substring(1);
        int slash = rest.indexOf('/');
        String rawBucket = slash < 0 ? rest : rest.substring(0, slash);
        String rawKey = slash < 0 ? "" : rest.substring(slash + 1);
        if (rawBucket.isEmpty()) {
            if (!rawKey.isEmpty() || slash >= 0) {
                throw S3Errors.of(S3Errors.INVALID_URI, "The path names an object but no bucket.");
            }
            return new S3Address("", "", false, "");
        }
        String bucket = PercentDecoder.decode(rawBucket, false, "bucket name");
        return new S3Address(BucketNames.validate(bucket), key(rawKey), false, rawKey);
    }

    private static String key(String rawKey) throws DecodeException {
        String key = PercentDecoder.decode(rawKey, false, "object key");
        if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw S3Errors.of("KeyTooLongError", "The object key is longer than S3's 1024 bytes.");
        }
        return key;
    }
}
