package io.gatehouse.plugins.aws.dynamodb.internal;

import io.gatehouse.plugins.aws.support.json.Members;
import static io.gatehouse.plugins.aws.support.json.Members.array;
import static io.gatehouse.plugins.aws.support.json.Members.element;
import static io.gatehouse.plugins.aws.support.json.Members.object;
import static io.gatehouse.plugins.aws.support.json.Members.requiredObject;
import static io.gatehouse.plugins.aws.support.json.Members.requiredText;
import static io.gatehouse.plugins.aws.support.json.Members.text;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.api.adapter.DecodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The resources of the control-plane calls that create or change tables: the table, every index they name, the
 * replicas of global tables in other regions, backups and the S3 buckets of imports and exports.
 */
final class TableSchemaResources {

    private static final List<String> INDEX_UPDATES = List.of("Create", "Update", "Delete");
    private static final List<String> GLOBAL_REPLICA_UPDATES = List.of("Create", "Delete");

    private TableSchemaResources() {
    }

    /** CreateTable: the table, its local and global secondary indexes and the source of a multi-account replica. */
    static void createTable(ObjectNode body, ResourceSet out) throws DecodeException {
        String table = out.table(requiredText(body, "TableName", ""), "TableName");
        indexList(body, "LocalSecondaryIndexes", "", table, out);
        indexList(body, "GlobalSecondaryIndexes", "", table, out);
        Optional<String> source = text(body, "GlobalTableSourceArn", "");
        if (source.isPresent()) {
            out.arn(source.get(), "GlobalTableSourceArn");
        }
    }

    /** UpdateTable: the table, the indexes it creates, updates or deletes and the regions of replica updates. */
    static void updateTable(ObjectNode body, ResourceSet out) throws DecodeException {
        String table = out.table(requiredText(body, "TableName", ""), "TableName");
        for (Named index : wrapped(body, "GlobalSecondaryIndexUpdates", INDEX_UPDATES, "IndexName")) {
            out.index(table, index.value(), index.where());
        }
        for (Named region : wrapped(body, "ReplicaUpdates", INDEX_UPDATES, "RegionName")) {
            out.add(out.names().tableInRegion(table, region.value(), region.where()));
        }
    }

    /** UpdateTableReplicaAutoScaling: the table, its indexes and its replicas. */
    static void updateReplicaAutoScaling(ObjectNode body, ResourceSet out) throws DecodeException {
        String table = out.table(requiredText(body, "TableName", ""), "TableName");
        indexList(body, "GlobalSecondaryIndexUpdates", "", table, out);
        replicaRegions(body, "ReplicaUpdates", table, out);
    }

    /** ImportTable: the table it creates with its indexes, and the bucket it reads. */
    static void importTable(ObjectNode body, ResourceSet out) throws DecodeException {
        ObjectNode creation = requiredObject(body, "TableCreationParameters", "");
        String where = "TableCreationParameters";
        String table = out.table(requiredText(creation, "TableName", where), where + ".TableName");
        indexList(creation, "GlobalSecondaryIndexes", where, table, out);
        ObjectNode source = requiredObject(body, "S3BucketSource", "");
        out.add(out.names().s3Bucket(requiredText(source, "S3Bucket", "S3BucketSource"), "S3BucketSource.S3Bucket"));
    }

    /** ExportTableToPointInTime: the table and the bucket it writes. */
    static void exportTable(ObjectNode body, ResourceSet out) throws DecodeException {
        out.table(requiredText(body, "TableArn", ""), "TableArn");
        out.add(out.names().s3Bucket(requiredText(body, "S3Bucket", ""), "S3Bucket"));
    }

    /** RestoreTableFromBackup: the backup, then the table it creates with any index overrides. */
    static void restoreFromBackup(ObjectNode body, ResourceSet out) throws DecodeException {
        out.arn(requiredText(body, "BackupArn", ""), "BackupArn");
        restoreTarget(body, out);
    }

    /** RestoreTableToPointInTime: the source table (by ARN or name), then the table it creates. */
    static void restoreToPointInTime(ObjectNode body, ResourceSet out) throws DecodeException {
        Optional<String> arn = text(body, "SourceTableArn", "");
        Optional<String> name = text(body, "SourceTableName", "");
        if (arn.isEmpty() && name.isEmpty()) {
            throw new DecodeException(DecodeException.VALIDATION, "SourceTableArn or SourceTableName is required");
        }
        if (arn.isPresent()) {
            out.table(arn.get(), "SourceTableArn");
        }
        if (name.isPresent()) {
            out.table(name.get(), "SourceTableName");
        }
        restoreTarget(body, out);
    }

    /**
     * Legacy (2017) global tables: the global table, then its replica table in every region the request names
     * ({@code ReplicationGroup}, {@code ReplicaUpdates} or {@code ReplicaSettingsUpdate}).
     */
    static void globalTable(ObjectNode body, ResourceSet out) throws DecodeException {
        String name = requiredText(body, "GlobalTableName", "");
        out.add(out.names().globalTable(name, "GlobalTableName"));
        String table = out.names().table(name, "GlobalTableName");
        replicaRegions(body, "ReplicationGroup", table, out);
        replicaRegions(body, "ReplicaSettingsUpdate", table, out);
        for (Named region : wrapped(body, "ReplicaUpdates", GLOBAL_REPLICA_UPDATES, "RegionName")) {
            out.add(out.names().tableInRegion(table, region.value(), region.where()));
        }
    }

    private static void restoreTarget(ObjectNode body, ResourceSet out) throws DecodeException {
        String table = out.table(requiredText(body, "TargetTableName", ""), "TargetTableName");
        indexList(body, "LocalSecondaryIndexOverride", "", table, out);
        indexList(body, "GlobalSecondaryIndexOverride", "", table, out);
    }

    /** A list of objects that each name an index in {@code IndexName}. */
    private static void indexList(ObjectNode parent, String listName, String where, String table, ResourceSet out)
            throws DecodeException {
        String listPath = Members.path(where, listName);
        for (ObjectNode element : elements(parent, listName, where)) {
            out.index(table, requiredText(element, "IndexName", listPath), listPath + ".IndexName");
        }
    }

    /** A list of objects that each name a region in {@code RegionName}. */
    private static void replicaRegions(ObjectNode body, String listName, String table, ResourceSet out)
            throws DecodeException {
        for (ObjectNode element : elements(body, listName, "")) {
            out.add(out.names().tableInRegion(table, requiredText(element, "RegionName", listName),
                    listName + ".RegionName"));
        }
    }

    /** A list of wrappers such as {@code {"Create": {"IndexName": ...}}}: the named field of every wrapped action. */
    private static List<Named> wrapped(ObjectNode body, String listName, List<String> actions, String field)
            throws DecodeException {
        List<Named> found = new ArrayList<>();
        List<ObjectNode> elements = elements(body, listName, "");
        for (int i = 0; i < elements.size(); i++) {
            String where = listName + "[" + i + "]";
            for (String action : actions) {
                Optional<ObjectNode> wrapper = object(elements.get(i), action, where);
                if (wrapper.isPresent()) {
                    String path = where + "." + action;
                    found.add(new Named(requiredText(wrapper.get(), field, path), path + "." + field));
                }
            }
        }
        return found;
    }

    private static List<ObjectNode> elements(ObjectNode parent, String listName, String where) throws DecodeException {
        Optional<ArrayNode> list = array(parent, listName, where);
        List<ObjectNode> elements = new ArrayList<>();
        if (list.isPresent()) {
            for (int i = 0; i < list.get().size(); i++) {
                elements.add(element(list.get(), i, Members.path(where, listName)));
            }
        }
        return elements;
    }

    private record Named(String value, String where) {
    }
}
