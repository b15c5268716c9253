package io.gatehouse.plugins.aws.dynamodb.internal;

import static io.gatehouse.plugins.aws.dynamodb.internal.Calls.arn;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.adapter.Protocol;
import io.gatehouse.api.exchange.AwsOperation;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Request in, (action, resources, parameters) out, for every family of DynamoDB actions. */
class DynamoDbAdapterDecodeTest {

    private static final String ORDERS = arn("table/Orders");
    private static final String CUSTOMERS = arn("table/Customers");
    private static final String AUDIT = arn("table/audit.log-2024_v1");
    private static final String OTHER_ACCOUNT_TABLE = "arn:aws:dynamodb:us-east-1:210987654321:table/Shared";

    private final DynamoDbAdapter adapter = new DynamoDbAdapter(DynamoDbAdapterConfig.DEFAULT_MAX_NESTING_DEPTH);

    record Case(String name, String action, String body, List<String> resources, Map<String, String> parameters) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Single quotes stand for double quotes, to keep the bodies readable. */
    private static String j(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static Case item(String name, String action, String body, List<String> resources,
                             Map<String, String> parameters) {
        return new Case(name, action, j(body), resources, parameters);
    }

    static Stream<Case> itemCalls() {
        return Stream.of(
                item("GetItem, consistent", "GetItem",
                        "{'TableName':'Orders','Key':{'pk':{'S':'a'}},'ConsistentRead':true}",
                        List.of(ORDERS), Map.of("ConsistentRead", "true")),
                item("PutItem with condition", "PutItem",
                        "{'TableName':'Orders','Item':{'pk':{'S':'a'}},'ConditionExpression':'attribute_not_exists(pk)',"
                                + "'ReturnValues':'ALL_OLD'}",
                        List.of(ORDERS), Map.of("ConditionExpression", "true", "ReturnValues", "ALL_OLD")),
                item("UpdateItem, name with dots, dash, underscore", "UpdateItem",
                        "{'TableName':'audit.log-2024_v1','Key':{'pk':{'S':'a'}},'UpdateExpression':'SET n = :n'}",
                        List.of(AUDIT), Map.of()),
                item("DeleteItem by table ARN in another account", "DeleteItem",
                        "{'TableName':'" + OTHER_ACCOUNT_TABLE + "','Key':{'pk':{'S':'a'}}}",
                        List.of(OTHER_ACCOUNT_TABLE), Map.of()),
                item("Query on an index", "Query",
                        "{'TableName':'Orders','IndexName':'ByDate','Limit':25,'Select':'ALL_PROJECTED_ATTRIBUTES',"
                                + "'KeyConditionExpression':'d = :d','FilterExpression':'x > :x'}",
                        List.of(ORDERS, arn("table/Orders/index/ByDate")),
                        Map.of("IndexName", "ByDate", "Limit", "25", "Select", "ALL_PROJECTED_ATTRIBUTES",
                                "FilterExpression", "true")),
                item("Query on an index of a table given by ARN", "Query",
                        "{'TableName':'" + OTHER_ACCOUNT_TABLE + "','IndexName':'by.owner-1'}",
                        List.of(OTHER_ACCOUNT_TABLE, OTHER_ACCOUNT_TABLE + "/index/by.owner-1"),
                        Map.of("IndexName", "by.owner-1")),
                item("parallel Scan", "Scan",
                        "{'TableName':'Orders','Segment':1,'TotalSegments':4,'Limit':100}",
                        List.of(ORDERS), Map.of("Segment", "1", "TotalSegments", "4", "Limit", "100")),
                item("BatchGetItem over two tables", "BatchGetItem",
                        "{'RequestItems':{'Orders':{'Keys':[{'pk':{'S':'a'}},{'pk':{'S':'b'}}]},"
                                + "'Customers':{'Keys':[{'id':{'S':'c'}}],'ConsistentRead':true}}}",
                        List.of(ORDERS, CUSTOMERS), Map.of("ItemCount", "3")),
                item("BatchGetItem naming one table by name and by ARN", "BatchGetItem",
                        "{'RequestItems':{'Orders':{'Keys':[{'pk':{'S':'a'}}]},"
                                + "'" + ORDERS + "':{'Keys':[{'pk':{'S':'b'}}]}}}",
                        List.of(ORDERS), Map.of("ItemCount", "2")),
                item("BatchWriteItem over three tables", "BatchWriteItem",
                        "{'RequestItems':{'Customers':[{'PutRequest':{'Item':{'id':{'S':'c'}}}}],"
                                + "'Orders':[{'DeleteRequest':{'Key':{'pk':{'S':'a'}}}},"
                                + "{'PutRequest':{'Item':{'pk':{'S':'b'}}}}],"
                                + "'audit.log-2024_v1':[{'PutRequest':{'Item':{'pk':{'S':'x'}}}}]}}",
                        List.of(CUSTOMERS, ORDERS, AUDIT), Map.of("ItemCount", "4")),
                item("TransactGetItems over two tables", "TransactGetItems",
                        "{'TransactItems':[{'Get':{'TableName':'Orders','Key':{'pk':{'S':'a'}}}},"
                                + "{'Get':{'TableName':'Customers','Key':{'id':{'S':'c'}}}},"
                                + "{'Get':{'TableName':'Orders','Key':{'pk':{'S':'b'}}}}]}",
                        List.of(ORDERS, CUSTOMERS), Map.of("ItemCount", "3")),
                item("TransactWriteItems with every kind of entry", "TransactWriteItems",
                        "{'TransactItems':[{'ConditionCheck':{'TableName':'Customers','Key':{},'ConditionExpression':'c'}},"
                                + "{'Put':{'TableName':'Orders','Item':{}}},"
                                + "{'Update':{'TableName':'audit.log-2024_v1','Key':{},'UpdateExpression':'SET a = :a'}},"
                                + "{'Delete':{'TableName':'" + OTHER_ACCOUNT_TABLE + "','Key':{}}}]}",
                        List.of(CUSTOMERS, ORDERS, AUDIT, OTHER_ACCOUNT_TABLE), Map.of("ItemCount", "4")));
    }

    static Stream<Case> partiQlCalls() {
        return Stream.of(
                new Case("ExecuteStatement on an index", "ExecuteStatement",
                        Calls.jsonWith("Statement", "SELECT * FROM \"Orders\".\"ByDate\" WHERE d = ?"),
                        List.of(ORDERS, arn("table/Orders/index/ByDate")), Map.of()),
                new Case("ExecuteStatement, bare name", "ExecuteStatement",
                        Calls.jsonWith("Statement", "select * from Orders where pk = 'a'"),
                        List.of(ORDERS), Map.of()),
                new Case("BatchExecuteStatement over two tables", "BatchExecuteStatement",
                        j("{'Statements':[{'Statement':'UPDATE Customers SET n = 1 WHERE id = ?'},"
                                + "{'Statement':'DELETE FROM Orders WHERE pk = ?'},"
                                + "{'Statement':'DELETE FROM Customers WHERE id = ?'}]}"),
                        List.of(CUSTOMERS, ORDERS), Map.of("ItemCount", "3")),
                new Case("ExecuteTransaction with a quoted dotted name", "ExecuteTransaction",
                        "{\"TransactStatements\":[{\"Statement\":\"INSERT INTO \\\"audit.log-2024_v1\\\" VALUE {'pk': ?}\"},"
                                + "{\"Statement\":\"EXISTS(SELECT * FROM \\\"Orders\\\" WHERE pk = 'a')\"}]}",
                        List.of(AUDIT, ORDERS), Map.of("ItemCount", "2")));
    }

    static Stream<Case> tableCalls() {
        return Stream.of(
                item("CreateTable with indexes", "CreateTable",
                        "{'TableName':'Orders','KeySchema':[],'AttributeDefinitions':[],"
                                + "'LocalSecondaryIndexes':[{'IndexName':'ByStatus','KeySchema':[]}],"
                                + "'GlobalSecondaryIndexes':[{'IndexName':'ByDate'},{'IndexName':'By.Owner'}]}",
                        List.of(ORDERS, arn("table/Orders/index/ByStatus"), arn("table/Orders/index/ByDate"),
                                arn("table/Orders/index/By.Owner")), Map.of()),
                item("UpdateTable: indexes and replicas", "UpdateTable",
                        "{'TableName':'Orders','GlobalSecondaryIndexUpdates':[{'Create':{'IndexName':'ByDate'}},"
                                + "{'Delete':{'IndexName':'Old'}}],'ReplicaUpdates':[{'Create':{'RegionName':'us-east-1'}}]}",
                        List.of(ORDERS, arn("table/Orders/index/ByDate"), arn("table/Orders/index/Old"),
                                "arn:aws:dynamodb:us-east-1:123456789012:table/Orders"), Map.of()),
                item("DescribeTable", "DescribeTable", "{'TableName':'Orders'}", List.of(ORDERS), Map.of()),
                item("DeleteTable", "DeleteTable", "{'TableName':'Orders'}", List.of(ORDERS), Map.of()),
                item("ListTables is account-level", "ListTables", "{'Limit':10}", List.of(), Map.of("Limit", "10")),
                item("DescribeLimits is account-level", "DescribeLimits", "{}", List.of(), Map.of()),
                item("DescribeEndpoints is account-level", "DescribeEndpoints", "{}", List.of(), Map.of()),
                item("UpdateTimeToLive", "UpdateTimeToLive",
                        "{'TableName':'Orders','TimeToLiveSpecification':{'Enabled':true,'AttributeName':'ttl'}}",
                        List.of(ORDERS), Map.of()),
                item("EnableKinesisStreamingDestination", "EnableKinesisStreamingDestination",
                        "{'TableName':'Orders','StreamArn':'arn:aws:kinesis:eu-west-1:123456789012:stream/s'}",
                        List.of(ORDERS, "arn:aws:kinesis:eu-west-1:123456789012:stream/s"), Map.of()),
                item("UpdateContributorInsights on an index", "UpdateContributorInsights",
                        "{'TableName':'Orders','IndexName':'ByDate','ContributorInsightsAction':'ENABLE'}",
                        List.of(ORDERS, arn("table/Orders/index/ByDate")), Map.of("IndexName", "ByDate")),
                item("UpdateTableReplicaAutoScaling", "UpdateTableReplicaAutoScaling",
                        "{'TableName':'Orders','GlobalSecondaryIndexUpdates':[{'IndexName':'ByDate'}],"
                                + "'ReplicaUpdates':[{'RegionName':'ap-southeast-2'}]}",
                        List.of(ORDERS, arn("table/Orders/index/ByDate"),
                                "arn:aws:dynamodb:ap-southeast-2:123456789012:table/Orders"), Map.of()));
    }

    private static final String BACKUP = arn("table/Orders/backup/01700000000000-abcdef12");

    static Stream<Case> backupCalls() {
        return Stream.of(
                item("CreateBackup", "CreateBackup", "{'TableName':'Orders','BackupName':'b'}", List.of(ORDERS),
                        Map.of()),
                item("DescribeBackup", "DescribeBackup", "{'BackupArn':'" + BACKUP + "'}", List.of(BACKUP), Map.of()),
                item("DeleteBackup", "DeleteBackup", "{'BackupArn':'" + BACKUP + "'}", List.of(BACKUP), Map.of()),
                item("RestoreTableFromBackup", "RestoreTableFromBackup",
                        "{'BackupArn':'" + BACKUP + "','TargetTableName':'Orders-restored',"
                                + "'GlobalSecondaryIndexOverride':[{'IndexName':'ByDate'}]}",
                        List.of(BACKUP, arn("table/Orders-restored"), arn("table/Orders-restored/index/ByDate")),
                        Map.of()),
                item("RestoreTableToPointInTime", "RestoreTableToPointInTime",
                        "{'SourceTableName':'Orders','TargetTableName':'Orders-pitr'}",
                        List.of(ORDERS, arn("table/Orders-pitr")), Map.of()),
                item("ExportTableToPointInTime names the bucket", "ExportTableToPointInTime",
                        "{'TableArn':'" + ORDERS + "','S3Bucket':'exports.example-1'}",
                        List.of(ORDERS, "arn:aws:s3:::exports.example-1"), Map.of()),
                item("ImportTable names the bucket", "ImportTable",
                        "{'S3BucketSource':{'S3Bucket':'imports'},'InputFormat':'CSV',"
                                + "'TableCreationParameters':{'TableName':'Imported','KeySchema':[],"
                                + "'GlobalSecondaryIndexes':[{'IndexName':'ByDate'}]}}",
                        List.of(arn("table/Imported"), arn("table/Imported/index/ByDate"), "arn:aws:s3:::imports"),
                        Map.of()),
                item("DescribeExport", "DescribeExport", "{'ExportArn':'" + ORDERS + "/export/01700000000000-a1b2c3d4'}",
                        List.of(ORDERS + "/export/01700000000000-a1b2c3d4"), Map.of()),
                item("DescribeImport", "DescribeImport", "{'ImportArn':'" + ORDERS + "/import/01700000000000-a1b2c3d4'}",
                        List.of(ORDERS + "/import/01700000000000-a1b2c3d4"), Map.of()),
                item("ListBackups of a table", "ListBackups", "{'TableName':'Orders'}", List.of(ORDERS), Map.of()),
                item("ListBackups of the account", "ListBackups", "{}", List.of(), Map.of()),
                item("ListExports of a table", "ListExports", "{'TableArn':'" + ORDERS + "'}", List.of(ORDERS),
                        Map.of()),
                item("ListImports of the account", "ListImports", "{}", List.of(), Map.of()));
    }

    private static final String GLOBAL = "arn:aws:dynamodb::123456789012:global-table/Orders";

    static Stream<Case> globalAndTagCalls() {
        String indexArn = arn("table/Orders/index/ByDate");
        return Stream.of(
                item("CreateGlobalTable", "CreateGlobalTable",
                        "{'GlobalTableName':'Orders','ReplicationGroup':[{'RegionName':'eu-west-1'},"
                                + "{'RegionName':'us-east-1'}]}",
                        List.of(GLOBAL, ORDERS, "arn:aws:dynamodb:us-east-1:123456789012:table/Orders"), Map.of()),
                item("UpdateGlobalTable", "UpdateGlobalTable",
                        "{'GlobalTableName':'Orders','ReplicaUpdates':[{'Delete':{'RegionName':'us-east-1'}}]}",
                        List.of(GLOBAL, "arn:aws:dynamodb:us-east-1:123456789012:table/Orders"), Map.of()),
                item("DescribeGlobalTable", "DescribeGlobalTable", "{'GlobalTableName':'Orders'}", List.of(GLOBAL),
                        Map.of()),
                item("ListGlobalTables is account-level", "ListGlobalTables", "{}", List.of(), Map.of()),
                item("TagResource", "TagResource", "{'ResourceArn':'" + ORDERS + "','Tags':[]}", List.of(ORDERS),
                        Map.of()),
                item("UntagResource", "UntagResource", "{'ResourceArn':'" + ORDERS + "','TagKeys':[]}",
                        List.of(ORDERS), Map.of()),
                item("ListTagsOfResource", "ListTagsOfResource", "{'ResourceArn':'" + indexArn + "'}",
                        List.of(indexArn), Map.of()),
                item("PutResourcePolicy", "PutResourcePolicy", "{'ResourceArn':'" + ORDERS + "','Policy':'{}'}",
                        List.of(ORDERS), Map.of()),
                item("GetResourcePolicy of a stream", "GetResourcePolicy",
                        "{'ResourceArn':'" + ORDERS + "/stream/2024-01-01T00:00:00.000'}",
                        List.of(ORDERS + "/stream/2024-01-01T00:00:00.000"), Map.of()),
                item("TagResource of a legacy global table", "TagResource",
                        "{'ResourceArn':'" + GLOBAL + "','Tags':[]}", List.of(GLOBAL), Map.of()),
                item("table ARN in the China partition", "DescribeTable",
                        "{'TableName':'arn:aws-cn:dynamodb:cn-northwest-1:210987654321:table/Shared'}",
                        List.of("arn:aws-cn:dynamodb:cn-northwest-1:210987654321:table/Shared"), Map.of()),
                item("backup ARN in GovCloud", "DescribeBackup",
                        "{'BackupArn':'arn:aws-us-gov:dynamodb:us-gov-west-1:210987654321:table/Shared/backup/"
                                + "01700000000000-abcdef12'}",
                        List.of("arn:aws-us-gov:dynamodb:us-gov-west-1:210987654321:table/Shared/backup/"
                                + "01700000000000-abcdef12"), Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"itemCalls", "partiQlCalls", "tableCalls", "backupCalls", "globalAndTagCalls"})
    void decodes(Case c) throws DecodeException {
        AwsOperation operation = adapter.decode(Calls.request(c.action(), c.body()), Calls.CONTEXT);

        assertThat(operation.service()).isEqualTo("dynamodb");
        assertThat(operation.region()).isEqualTo(Calls.REGION);
        assertThat(operation.action()).isEqualTo(c.action());
        assertThat(operation.resources()).containsExactlyElementsOf(c.resources());
        assertThat(operation.parameters()).isEqualTo(c.parameters());
    }

    @Test
    void speaksJson10() {
        assertThat(adapter.protocol()).isEqualTo(Protocol.AWS_JSON_1_0);
    }

    @Test
    void iamActionIsNamespaced() throws DecodeException {
        AwsOperation operation = adapter.decode(Calls.request("GetItem", j("{'TableName':'Orders'}")), Calls.CONTEXT);

        assertThat(operation.iamAction()).isEqualTo("dynamodb:GetItem");
    }

    @Test
    void largeLimitIsKeptExactly() throws DecodeException {
        AwsOperation operation = adapter.decode(
                Calls.request("Scan", j("{'TableName':'Orders','Limit':123456789012345678901234567890}")), Calls.CONTEXT);

        assertThat(operation.parameters()).containsEntry("Limit", "123456789012345678901234567890");
    }
}
