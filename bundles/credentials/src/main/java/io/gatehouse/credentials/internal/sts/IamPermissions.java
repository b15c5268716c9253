package io.gatehouse.credentials.internal.sts;

import io.gatehouse.api.exchange.AwsOperation;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The IAM actions an AWS API call is authorised against. Most calls need exactly the permission of their own name
 * ({@code dynamodb:GetItem}); the exceptions below are the AWS Service Authorization Reference's for the operations
 * Gatehouse's adapters decode — e.g. S3 {@code ListObjectsV2} is authorised as {@code s3:ListBucket},
 * {@code HeadObject} as {@code s3:GetObject} (or {@code s3:GetObjectVersion} with a {@code versionId}), SQS batches
 * as their single-message action, Lambda {@code Invoke} as {@code lambda:InvokeFunction}. A session policy of the
 * API name alone would make AWS refuse these calls.
 */
final class IamPermissions {

    /** API operation to the IAM actions it is authorised against, where they differ. */
    private static final Map<String, List<String>> BY_OPERATION = Map.ofEntries(
            Map.entry("s3:ListObjects", List.of("ListBucket")),
            Map.entry("s3:ListObjectsV2", List.of("ListBucket")),
            Map.entry("s3:HeadBucket", List.of("ListBucket")),
            Map.entry("s3:ListBuckets", List.of("ListAllMyBuckets")),
            Map.entry("s3:ListMultipartUploads", List.of("ListBucketMultipartUploads")),
            Map.entry("s3:ListParts", List.of("ListMultipartUploadParts")),
            Map.entry("s3:DeleteBucketTagging", List.of("PutBucketTagging")),
            Map.entry("s3:DeleteObjects", List.of("DeleteObject")),
            Map.entry("s3:HeadObject", List.of("GetObject")),
            Map.entry("s3:CreateMultipartUpload", List.of("PutObject")),
            Map.entry("s3:UploadPart", List.of("PutObject")),
            Map.entry("s3:CompleteMultipartUpload", List.of("PutObject")),
            Map.entry("s3:CopyObject", List.of("GetObject", "PutObject")),
            Map.entry("s3:UploadPartCopy", List.of("GetObject", "PutObject")),
            Map.entry("sqs:SendMessageBatch", List.of("SendMessage")),
            Map.entry("sqs:DeleteMessageBatch", List.of("DeleteMessage")),
            Map.entry("sqs:ChangeMessageVisibilityBatch", List.of("ChangeMessageVisibility")),
            Map.entry("dynamodb:TransactGetItems", List.of("GetItem")),
            Map.entry("dynamodb:TransactWriteItems",
                    List.of("ConditionCheckItem", "DeleteItem", "PutItem", "UpdateItem")),
            Map.entry("lambda:Invoke", List.of("InvokeFunction")),
            Map.entry("lambda:InvokeAsync", List.of("InvokeFunction")),
            Map.entry("lambda:InvokeWithResponseStream", List.of("InvokeFunction")));

    /** S3 object operations on a specific version ({@code versionId}) need the version's own permission. */
    private static final Map<String, String> S3_VERSIONED = Map.of(
            "GetObject", "GetObjectVersion",
            "DeleteObject", "DeleteObjectVersion",
            "GetObjectAcl", "GetObjectVersionAcl",
            "PutObjectAcl", "PutObjectVersionAcl",
            "GetObjectTagging", "GetObjectVersionTagging",
            "PutObjectTagging", "PutObjectVersionTagging",
            "DeleteObjectTagging", "DeleteObjectVersionTagging");

    /** S3 writes that set an ACL ({@code x-amz-acl}, {@code x-amz-grant-*}) need {@code s3:PutObjectAcl} too. */
    private static final List<String> S3_ACL_SETTING = List.of("PutObject", "CopyObject", "CreateMultipartUpload");

    private IamPermissions() {
    }

    /**
     * @param operation a decoded call
     * @return the IAM actions ({@code service:Action}) it is authorised against, sorted, without duplicates
     */
    static List<String> of(AwsOperation operation) {
        String service = operation.service();
        List<String> actions = BY_OPERATION.getOrDefault(operation.iamAction(), List.of(operation.action()));
        TreeSet<String> result = new TreeSet<>();
        for (String action : actions) {
            result.add(service + ":" + ("s3".equals(service) ? s3Version(operation, action) : action));
        }
        if ("s3".equals(service) && S3_ACL_SETTING.contains(operation.action()) && setsAcl(operation)) {
            result.add("s3:PutObjectAcl");
        }
        return List.copyOf(result);
    }

    private static String s3Version(AwsOperation operation, String action) {
        boolean versioned = operation.parameters().containsKey("versionId")
                && !"CopyObject".equals(operation.action()) && !"UploadPartCopy".equals(operation.action());
        if ("GetObject".equals(action) && copiesAVersion(operation)) {
            return "GetObjectVersion";
        }
        return versioned ? S3_VERSIONED.getOrDefault(action, action) : action;
    }

    private static boolean copiesAVersion(AwsOperation operation) {
        String source = operation.parameters().getOrDefault("x-amz-copy-source", "");
        return source.contains("?versionId=") || source.contains("&versionId=");
    }

    private static boolean setsAcl(AwsOperation operation) {
        return operation.parameters().keySet().stream()
                .anyMatch(name -> name.equals("x-amz-acl") || name.startsWith("x-amz-grant-"));
    }
}
