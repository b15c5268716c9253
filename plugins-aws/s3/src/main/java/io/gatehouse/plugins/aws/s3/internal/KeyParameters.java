package io.gatehouse.plugins.aws.s3.internal;

import io.gatehouse.api.exchange.Headers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The request parameters policy conditions may test, named as S3's condition keys name them (without "s3:"). */
final class KeyParameters {

    private static final List<String> QUERY = List.of("prefix", "delimiter", "max-keys", "max-uploads", "max-parts",
            "start-after", "versionId", "partNumber", "uploadId");
    private static final List<String> HEADERS = List.of("x-amz-acl", "x-amz-copy-source",
            "x-amz-metadata-directive", "x-amz-server-side-encryption", "x-amz-storage-class",
            "x-amz-object-ownership", "x-amz-grant-full-control", "x-amz-grant-read", "x-amz-grant-write",
            "x-amz-grant-read-acp", "x-amz-grant-write-acp");

    private KeyParameters() {
    }

    static Map<String, String> of(S3Query query, Headers headers) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String name : QUERY) {
            query.get(name).ifPresent(value -> parameters.put(name, value));
        }
        for (String name : HEADERS) {
            headers.first(name).ifPresent(value -> parameters.put(name, value));
        }
        return parameters;
    }
}
