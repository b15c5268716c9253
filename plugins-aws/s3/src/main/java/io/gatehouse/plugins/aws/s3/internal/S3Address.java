package io.gatehouse.plugins.aws.s3.internal;

import io.gatehouse.api.adapter.DecodeException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bucket and key a request addresses. Virtual-hosted style is recognised only when the Host header ends with a
 * known S3 endpoint suffix ({@code .s3.amazonaws.com}, {@code .s3.REGION.amazonaws.com},
 * {@code .s3-REGION.amazonaws.com}, {@code .s3.dualstack.REGION.amazonaws.com}); any other Host — the gateway's own
 * address, {@code localhost}, an IP — means path style. The bucket is never guessed from an arbitrary Host.
 *
 * <p>The key is the rest of the raw path after the bucket, percent-decoded exactly once and not normalised: S3 keeps
 * {@code %2F} as a slash in the key, {@code +} as a plus, and {@code .}/{@code ..} segments and empty segments as
 * part of the key.
 *
 * @param bucket the bucket name, empty for the service root (ListBuckets)
 * @param key the object key, empty for bucket-level calls
 * @param virtualHosted whether the bucket came from the Host header
 */
record S3Address(String bucket, String key, boolean virtualHosted) {

    private static final Pattern VIRTUAL_HOST = Pattern.compile(
            "(.+)\\.s3(?:\\.dualstack\\.[a-z0-9-]+|\\.[a-z]{2}(?:-[a-z]+)+-\\d+|-[a-z]{2}(?:-[a-z]+)+-\\d+)?"
                    + "\\.amazonaws\\.com");
    private static final int MAX_KEY_BYTES = 1024;

    boolean hasBucket() {
        return !bucket.isEmpty();
    }

    boolean hasKey() {
        return !key.isEmpty();
    }

    static S3Address of(Optional<String> host, String rawPath) throws DecodeException {
        if (!rawPath.startsWith("/")) {
            throw S3Errors.of(S3Errors.INVALID_URI, "The request path must start with '/'.");
        }
        Optional<String> hostBucket = host.flatMap(S3Address::virtualHostedBucket);
        if (hostBucket.isPresent()) {
            return new S3Address(BucketNames.validate(hostBucket.get()), key(rawPath.substring(1)), true);
        }
        String rest = rawPath.substring(1);
        int slash = rest.indexOf('/');
        String rawBucket = slash < 0 ? rest : rest.substring(0, slash);
        String rawKey = slash < 0 ? "" : rest.substring(slash + 1);
        if (rawBucket.isEmpty()) {
            if (!rawKey.isEmpty() || slash >= 0) {
                throw S3Errors.of(S3Errors.INVALID_URI, "The path names an object but no bucket.");
            }
            return new S3Address("", "", false);
        }
        String bucket = PercentDecoder.decode(rawBucket, false, "bucket name");
        return new S3Address(BucketNames.validate(bucket), key(rawKey), false);
    }

    /** @return the bucket named by a virtual-hosted-style Host, empty for path style */
    static Optional<String> virtualHostedBucket(String host) {
        String name = host.trim().toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon >= 0 && name.indexOf(']') < colon) {
            name = name.substring(0, colon);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        Matcher matcher = VIRTUAL_HOST.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String prefix = matcher.group(1);
        // s3.REGION.amazonaws.com itself also matches with prefix "s3"-less forms; the service endpoint is path style
        return isServiceEndpoint(name) ? Optional.empty() : Optional.of(prefix);
    }

    private static boolean isServiceEndpoint(String name) {
        return name.matches("s3(?:\\.dualstack)?(?:[.-][a-z]{2}(?:-[a-z]+)+-\\d+)?\\.amazonaws\\.com");
    }

    private static String key(String rawKey) throws DecodeException {
        String key = PercentDecoder.decode(rawKey, false, "object key");
        if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw S3Errors.of("KeyTooLongError", "The object key is longer than S3's 1024 bytes.");
        }
        return key;
    }
}
