package io.gatehouse.plugins.aws.s3.internal;

import io.gatehouse.api.adapter.DecodeException;
import java.util.List;
import java.util.Map;

/**
 * Chooses the S3 operation from the method, whether the path names a bucket and a key, and the one subresource in
 * the query, as S3 routes them. A request with two subresources, or a combination S3 has no operation for, is
 * refused rather than guessed.
 */
final class S3Routes {

    /** Operations on a bucket (no key), by method then subresource ("" = none). */
    private static final Map<String, Map<String, String>> BUCKET = Map.of(
            "GET", Map.of("", "ListObjects", "acl", "GetBucketAcl", "policy", "GetBucketPolicy",
                    "location", "GetBucketLocation", "versioning", "GetBucketVersioning", "uploads",
                    "ListMultipartUploads", "tagging", "GetBucketTagging"),
            "HEAD", Map.of("", "HeadBucket"),
            "PUT", Map.of("", "CreateBucket", "acl", "PutBucketAcl", "policy", "PutBucketPolicy",
                    "versioning", "PutBucketVersioning", "tagging", "PutBucketTagging"),
            "DELETE", Map.of("", "DeleteBucket", "policy", "DeleteBucketPolicy", "tagging", "DeleteBucketTagging"),
            "POST", Map.of("delete", "DeleteObjects"));

    /** Operations on an object, by method then subresource ("" = none). */
    private static final Map<String, Map<String, String>> OBJECT = Map.of(
            "GET", Map.of("", "GetObject", "acl", "GetObjectAcl", "tagging", "GetObjectTagging",
                    "uploadId", "ListParts"),
            "HEAD", Map.of("", "HeadObject"),
            "PUT", Map.of("", "PutObject", "acl", "PutObjectAcl", "tagging", "PutObjectTagging",
                    "uploadId", "UploadPart"),
            "DELETE", Map.of("", "DeleteObject", "tagging", "DeleteObjectTagging", "uploadId",
                    "AbortMultipartUpload"),
            "POST", Map.of("uploads", "CreateMultipartUpload", "uploadId", "CompleteMultipartUpload"));

    private S3Routes() {
    }

    static String action(String method, S3Address address, S3Query query, boolean copySource)
            throws DecodeException {
        List<String> subresources = query.subresources();
        if (subresources.size() > 1) {
            throw S3Errors.unknown("The query names the subresources " + subresources + ", which select different"
                    + " S3 operations; send one.");
        }
        String sub = subresources.isEmpty() ? "" : subresources.get(0);
        String action = route(method, address, query, sub);
        checkListType(action, query);
        checkPartNumber(action, method, query);
        action = listVersion(withCopySource(action, copySource), query);
        String xId = query.get("x-id").orElse(action);
        if (!xId.equals(action)) {
            throw S3Errors.unknown("The request reads as " + action + " but its x-id names '" + Printable.of(xId)
                    + "'.");
        }
        return action;
    }

    private static String route(String method, S3Address address, S3Query query, String sub)
            throws DecodeException {
        if (!address.hasBucket()) {
            if ("GET".equals(method) && sub.isEmpty() && !query.has("list-type")) {
                return "ListBuckets";
            }
            throw S3Errors.unknown("S3 has no " + method + " operation on the service root" + described(sub) + ".");
        }
        Map<String, Map<String, String>> table = address.hasKey() ? OBJECT : BUCKET;
        String action = table.getOrDefault(method, Map.of()).get(sub);
        if (action == null) {
            throw S3Errors.unknown("S3 has no " + method + " operation on " + (address.hasKey() ? "an object"
                    : "a bucket") + described(sub) + " that Gatehouse supports.");
        }
        return action;
    }

    private static String described(String sub) {
        return sub.isEmpty() ? "" : " with ?" + sub;
    }

    private static void checkListType(String action, S3Query query) throws DecodeException {
        if (!query.has("list-type")) {
            return;
        }
        if (!"ListObjects".equals(action) || !"2".equals(query.get("list-type").get())) {
            throw S3Errors.unknown("list-type is only valid as list-type=2 on a bucket listing (ListObjectsV2).");
        }
    }

    private static void checkPartNumber(String action, String method, S3Query query) throws DecodeException {
        boolean upload = "UploadPart".equals(action);
        boolean readPart = ("GetObject".equals(action) || "HeadObject".equals(action));
        if (upload && !query.has("partNumber")) {
            throw S3Errors.of(S3Errors.INVALID_ARGUMENT, "UploadPart needs both partNumber and uploadId.");
        }
        if (query.has("partNumber") && !upload && !readPart) {
            throw S3Errors.unknown("partNumber is only valid with uploadId on a PUT (UploadPart) or on a GET/HEAD of"
                    + " an object; " + method + " with it has no single S3 operation.");
        }
    }

    private static String withCopySource(String action, boolean copySource) throws DecodeException {
        if (!copySource) {
            return action;
        }
        return switch (action) {
            case "PutObject" -> "CopyObject";
            case "UploadPart" -> "UploadPartCopy";
            default -> throw S3Errors.unknown("x-amz-copy-source is only valid on CopyObject and UploadPartCopy,"
                    + " not on " + action + ".");
        };
    }

    private static String listVersion(String action, S3Query query) {
        return "ListObjects".equals(action) && query.has("list-type") ? "ListObjectsV2" : action;
    }
}
