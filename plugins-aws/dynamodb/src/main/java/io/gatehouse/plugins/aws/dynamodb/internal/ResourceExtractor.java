package io.gatehouse.plugins.aws.dynamodb.internal;

import io.gatehouse.plugins.aws.support.json.Members;
import static io.gatehouse.plugins.aws.support.json.Members.requiredText;
import static io.gatehouse.plugins.aws.support.json.Members.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.api.adapter.DecodeContext;
import io.gatehouse.api.adapter.DecodeException;
import java.util.List;
import java.util.Optional;

/**
 * Finds every resource a DynamoDB call touches, as ARNs in request order without duplicates. Account-level calls
 * ({@code ListTables}, {@code DescribeLimits}, {@code DescribeEndpoints}, {@code ListGlobalTables}, and the
 * {@code List*} calls without a table) touch no resource and get an empty list: policy decides them on the action
 * alone. Thread-safe and stateless.
 */
final class ResourceExtractor {

    private ResourceExtractor() {
    }

    /**
     * @param action a known DynamoDB action (see {@link DynamoDbActions})
     * @param body the request's JSON object
     * @param context the call's partition, region and account
     * @return the ARNs the call touches
     * @throws DecodeException when a resource the action needs is missing or invalid
     */
    static List<String> resources(String action, ObjectNode body, DecodeContext context) throws DecodeException {
        ResourceSet out = new ResourceSet(new ResourceNames(context));
        switch (action) {
            case "GetItem", "PutItem", "UpdateItem", "DeleteItem", "DescribeTable", "DeleteTable",
                    "DescribeTimeToLive", "UpdateTimeToLive", "DescribeContinuousBackups", "UpdateContinuousBackups",
                    "DescribeTableReplicaAutoScaling", "DescribeKinesisStreamingDestination", "CreateBackup" ->
                    out.table(requiredText(body, "TableName", ""), "TableName");
            case "Query", "Scan", "DescribeContributorInsights", "UpdateContributorInsights" ->
                    tableAndIndex(body, out);
            case "EnableKinesisStreamingDestination", "DisableKinesisStreamingDestination",
                    "UpdateKinesisStreamingDestination" -> {
                out.table(requiredText(body, "TableName", ""), "TableName");
                out.add(out.names().kinesisStream(requiredText(body, "StreamArn", ""), "StreamArn"));
            }
            case "BatchGetItem" -> ItemResources.batch(body, out, false);
            case "BatchWriteItem" -> ItemResources.batch(body, out, true);
            case "TransactGetItems" -> ItemResources.transact(body, out, ItemResources.TRANSACT_GET);
            case "TransactWriteItems" -> ItemResources.transact(body, out, ItemResources.TRANSACT_WRITE);
            case "ExecuteStatement" -> ItemResources.statement(body, out);
            case "BatchExecuteStatement" -> ItemResources.statements(body, "Statements", out);
            case "ExecuteTransaction" -> ItemResources.statements(body, "TransactStatements", out);
            case "CreateTable" -> TableSchemaResources.createTable(body, out);
            case "UpdateTable" -> TableSchemaResources.updateTable(body, out);
            case "UpdateTableReplicaAutoScaling" -> TableSchemaResources.updateReplicaAutoScaling(body, out);
            case "ImportTable" -> TableSchemaResources.importTable(body, out);
            case "ExportTableToPointInTime" -> TableSchemaResources.exportTable(body, out);
            case "RestoreTableFromBackup" -> TableSchemaResources.restoreFromBackup(body, out);
            case "RestoreTableToPointInTime" -> TableSchemaResources.restoreToPointInTime(body, out);
            case "CreateGlobalTable", "DescribeGlobalTable", "UpdateGlobalTable", "DescribeGlobalTableSettings",
                    "UpdateGlobalTableSettings" -> TableSchemaResources.globalTable(body, out);
            case "TagResource", "UntagResource", "ListTagsOfResource", "GetResourcePolicy", "PutResourcePolicy",
                    "DeleteResourcePolicy" -> out.arn(requiredText(body, "ResourceArn", ""), "ResourceArn");
            case "DescribeBackup", "DeleteBackup" -> out.arn(requiredText(body, "BackupArn", ""), "BackupArn");
            case "DescribeExport" -> out.arn(requiredText(body, "ExportArn", ""), "ExportArn");
            case "DescribeImport" -> out.arn(requiredText(body, "ImportArn", ""), "ImportArn");
            case "ListBackups", "ListContributorInsights" -> optionalTable(body, "TableName", out);
            case "ListExports", "ListImports" -> optionalTable(body, "TableArn", out);
            case "ListTables", "DescribeLimits", "DescribeEndpoints", "ListGlobalTables" -> {
                // account-level: no resource
            }
            default -> throw new IllegalArgumentException("no resource rule for DynamoDB action " + action);
        }
        return out.toList();
    }

    private static void tableAndIndex(ObjectNode body, ResourceSet out) throws DecodeException {
        String table = out.table(requiredText(body, "TableName", ""), "TableName");
        Optional<String> index = text(body, "IndexName", "");
        if (index.isPresent()) {
            out.index(table, index.get(), "IndexName");
        }
    }

    private static void optionalTable(ObjectNode body, String member, ResourceSet out) throws DecodeException {
        Optional<String> table = text(body, member, "");
        if (table.isPresent()) {
            out.table(table.get(), member);
        }
    }
}
