package io.gatehouse.plugins.aws.dynamodb.internal;

import java.util.Set;

/**
 * The actions of the DynamoDB API version 2012-08-10 ({@code X-Amz-Target: DynamoDB_20120810.<Action>}), as
 * published in the AWS SDK service model (57 operations). An action outside this list is refused rather than
 * decoded without knowing which resources it touches. DynamoDB Streams ({@code DynamoDBStreams_20120810}) is a
 * separate API and is not listed.
 */
final class DynamoDbActions {

    /** The {@code X-Amz-Target} prefix of the DynamoDB API, including the dot. */
    static final String TARGET_PREFIX = "DynamoDB_20120810.";

    /** The {@code X-Amz-Target} prefix of DynamoDB Streams, which signs as {@code dynamodb} too. */
    static final String STREAMS_TARGET_PREFIX = "DynamoDBStreams_20120810.";

    /** Every known action name. */
    static final Set<String> ALL = Set.of(
            // items
            "GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan",
            "BatchGetItem", "BatchWriteItem", "TransactGetItems", "TransactWriteItems",
            // PartiQL
            "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction",
            // tables
            "CreateTable", "DescribeTable", "UpdateTable", "DeleteTable", "ListTables",
            "DescribeTimeToLive", "UpdateTimeToLive",
            "DescribeTableReplicaAutoScaling", "UpdateTableReplicaAutoScaling",
            "DescribeContributorInsights", "UpdateContributorInsights", "ListContributorInsights",
            "DescribeKinesisStreamingDestination", "EnableKinesisStreamingDestination",
            "DisableKinesisStreamingDestination", "UpdateKinesisStreamingDestination",
            // backups, exports, imports
            "CreateBackup", "DescribeBackup", "DeleteBackup", "ListBackups",
            "RestoreTableFromBackup", "RestoreTableToPointInTime",
            "DescribeContinuousBackups", "UpdateContinuousBackups",
            "ExportTableToPointInTime", "DescribeExport", "ListExports",
            "ImportTable", "DescribeImport", "ListImports",
            // global tables, version 2017
            "CreateGlobalTable", "DescribeGlobalTable", "UpdateGlobalTable", "ListGlobalTables",
            "DescribeGlobalTableSettings", "UpdateGlobalTableSettings",
            // tags and resource policies
            "TagResource", "UntagResource", "ListTagsOfResource",
            "GetResourcePolicy", "PutResourcePolicy", "DeleteResourcePolicy",
            // account
            "DescribeLimits", "DescribeEndpoints");

    private DynamoDbActions() {
    }

    /**
     * @param action an action name, case-sensitive
     * @return whether DynamoDB has that action
     */
    static boolean isKnown(String action) {
        return ALL.contains(action);
    }
}
