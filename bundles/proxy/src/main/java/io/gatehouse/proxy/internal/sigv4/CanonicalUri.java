package io.gatehouse.proxy.internal.sigv4;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The canonical URI of a SigV4 canonical request, computed from the path exactly as the client sent it.
 * <ul>
 * <li>Every service except S3: dot segments are removed and duplicate slashes collapsed, then the (already
 * percent-encoded) path is URI-encoded once more, so {@code /a%20b} becomes {@code /a%2520b}. A path sent with
 * characters that were never encoded, like the AWS test suite's {@code /example space/}, thus ends up encoded exactly
 * once, as the suite expects.</li>
 * <li>S3: the path is neither normalised nor encoded again; only characters the client left unencoded are escaped.</li>
 * </ul>
 */
final class CanonicalUri {

    private static final String S3 = "s3";

    private CanonicalUri() {
    }

    /**
     * @param rawPath the request path as sent, percent-encoded
     * @param service the service signing name from the credential scope
     * @return the canonical URI
     */
    static String of(String rawPath, String service) {
        if (S3.equals(service)) {
            return rawPath.isEmpty() ? "/" : PercentEncoding.encodeKeepingEscapes(rawPath);
        }
        return PercentEncoding.encode(normalize(rawPath), true);
    }

    /**
     * Removes {@code .} and {@code ..} segments (RFC 3986 section 5.2.4) and empty segments, as the AWS SDKs do: a
     * trailing slash stays only where the path ends with one, and {@code ..} never climbs above the root.
     *
     * @param path an absolute path
     * @return the normalised path, starting with {@code /}
     */
    static String normalize(String path) {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                segments.pollLast();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.addLast(segment);
            }
        }
        if (segments.isEmpty()) {
            return "/";
        }
        return "/" + String.join("/", segments) + (path.endsWith("/") ? "/" : "");
    }
}
