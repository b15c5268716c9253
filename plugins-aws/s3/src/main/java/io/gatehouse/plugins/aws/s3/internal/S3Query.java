package io.gatehouse.plugins.aws.s3.internal;

import io.gatehouse.api.adapter.DecodeException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The query string of an S3 request: every name decoded, each at most once. Only names on the allow-list are
 * accepted — the subresources this adapter routes and the plain parameters of those operations; anything else
 * (another subresource such as {@code ?cors}, a misspelling, a presigned-URL parameter) is refused, because S3 might
 * route it to an operation the gateway did not decide on.
 */
final class S3Query {

    /** Names that select an operation. */
    static final Set<String> SUBRESOURCES = Set.of("acl", "tagging", "policy", "location", "versioning", "uploads",
            "uploadId", "delete");

    private static final Set<String> PLAIN = Set.of("list-type", "prefix", "delimiter", "max-keys", "marker",
            "continuation-token", "fetch-owner", "start-after", "encoding-type", "versionId", "partNumber",
            "max-parts", "part-number-marker", "key-marker", "upload-id-marker", "max-uploads", "max-buckets",
            "bucket-region", "x-id", "response-content-type", "response-content-language", "response-expires",
            "response-cache-control", "response-content-disposition", "response-content-encoding");

    private final Map<String, String> values;

    private S3Query(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    static S3Query parse(String rawQuery) throws DecodeException {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return new S3Query(values);
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = PercentDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), true, "query parameter name");
            String value = eq < 0 ? "" : PercentDecoder.decode(pair.substring(eq + 1), true, "query parameter '"
                    + Printable.of(name) + "'");
            if (!SUBRESOURCES.contains(name) && !PLAIN.contains(name)) {
                throw S3Errors.unknown("Gatehouse does not support the S3 query parameter or subresource '"
                        + Printable.of(name) + "'; it refuses rather than guess which operation S3 would run.");
            }
            if (values.putIfAbsent(name, value) != null) {
                throw S3Errors.of(S3Errors.INVALID_URI, "The query parameter '" + name + "' is given twice.");
            }
        }
        return new S3Query(values);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** @return the subresources present, in request order */
    java.util.List<String> subresources() {
        return values.keySet().stream().filter(SUBRESOURCES::contains).toList();
    }
}
