package io.gatehouse.plugins.aws.dynamodb.internal;

import static io.gatehouse.api.adapter.DecodeException.SERIALIZATION;
import static io.gatehouse.api.adapter.DecodeException.UNKNOWN_OPERATION;
import static io.gatehouse.api.adapter.DecodeException.VALIDATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Requests the adapter must refuse, each with the error code the caller sees and a hint of the message. */
class DynamoDbAdapterRefusalTest {

    private final DynamoDbAdapter adapter = new DynamoDbAdapter(DynamoDbAdapterConfig.DEFAULT_MAX_NESTING_DEPTH);

    record Refusal(String name, String action, String body, String code, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Refusal refusal(String name, String action, String singleQuotedBody, String code, String message) {
        return new Refusal(name, action, singleQuotedBody.replace('\'', '"'), code, message);
    }

    static Stream<Refusal> unknownActions() {
        return Stream.of(
                refusal("action not in the API", "DropDatabase", "{}", UNKNOWN_OPERATION, "Unknown DynamoDB action"),
                refusal("action in the wrong case", "getitem", "{'TableName':'Orders'}", UNKNOWN_OPERATION,
                        "'getitem'"),
                refusal("empty action", "", "{}", UNKNOWN_OPERATION, "Unknown DynamoDB action"));
    }

    static Stream<Refusal> malformedBodies() {
        return Stream.of(
                refusal("empty body", "ListTables", "", SERIALIZATION, "must be a JSON object"),
                refusal("array body", "ListTables", "[]", SERIALIZATION, "must be a JSON object"),
                refusal("string body", "ListTables", "'Orders'", SERIALIZATION, "must be a JSON object"),
                refusal("truncated JSON", "GetItem", "{'TableName':'Orders'", SERIALIZATION, "not valid JSON"),
                refusal("two documents", "GetItem", "{'TableName':'Orders'}{'TableName':'Secret'}", SERIALIZATION,
                        "not valid JSON"),
                refusal("comment", "GetItem", "{/*x*/'TableName':'Orders'}", SERIALIZATION, "not valid JSON"),
                refusal("duplicate TableName", "GetItem", "{'TableName':'Orders','TableName':'Secrets'}",
                        SERIALIZATION, "Duplicate"),
                refusal("duplicate table in RequestItems", "BatchGetItem",
                        "{'RequestItems':{'Orders':{'Keys':[{}]},'Orders':{'Keys':[{}]}}}", SERIALIZATION, "Duplicate"),
                refusal("duplicate member deep in an item", "PutItem",
                        "{'TableName':'Orders','Item':{'a':{'S':'x','S':'y'}}}", SERIALIZATION, "Duplicate"),
                refusal("TableName not a string", "GetItem", "{'TableName':42}", SERIALIZATION, "TableName must be a string"),
                refusal("Limit as a string", "Scan", "{'TableName':'Orders','Limit':'10'}", SERIALIZATION,
                        "Limit must be an integer"),
                refusal("Limit as a fraction", "Scan", "{'TableName':'Orders','Limit':1.5}", SERIALIZATION,
                        "Limit must be an integer"),
                refusal("ConsistentRead as a string", "GetItem", "{'TableName':'Orders','ConsistentRead':'true'}",
                        SERIALIZATION, "ConsistentRead must be a boolean"),
                refusal("RequestItems not an object", "BatchGetItem", "{'RequestItems':[]}", SERIALIZATION,
                        "RequestItems must be an object"),
                refusal("BatchWriteItem requests not a list", "BatchWriteItem", "{'RequestItems':{'Orders':{}}}",
                        SERIALIZATION, "RequestItems.Orders must be a list"),
                refusal("TransactItems entry not an object", "TransactGetItems", "{'TransactItems':['Orders']}",
                        SERIALIZATION, "TransactItems[0] must be an object"));
    }

    static Stream<Refusal> invalidResources() {
        return Stream.of(
                refusal("missing TableName", "GetItem", "{'Key':{}}", VALIDATION, "TableName is required"),
                refusal("null TableName", "GetItem", "{'TableName':null}", VALIDATION, "TableName is required"),
                refusal("table name too short", "GetItem", "{'TableName':'ab'}", VALIDATION, "not a valid table name"),
                refusal("table name too long", "GetItem", "{'TableName':'" + "a".repeat(256) + "'}", VALIDATION,
                        "not a valid table name"),
                refusal("table name with a slash", "GetItem", "{'TableName':'Orders/index/ByDate'}", VALIDATION,
                        "not a valid table name"),
                refusal("table name with a wildcard", "Scan", "{'TableName':'Orders*'}", VALIDATION,
                        "not a valid table name"),
                refusal("table name with a space", "Scan", "{'TableName':'Or ders'}", VALIDATION,
                        "not a valid table name"),
                refusal("table name with a non-ASCII letter", "Scan", "{'TableName':'Ordérs'}", VALIDATION,
                        "not a valid table name"),
                refusal("table ARN with a short account", "GetItem",
                        "{'TableName':'arn:aws:dynamodb:eu-west-1:1234:table/Orders'}", VALIDATION,
                        "not a valid table name"),
                refusal("table ARN of an index", "GetItem",
                        "{'TableName':'arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/index/ByDate'}",
                        VALIDATION, "not a valid table name"),
                refusal("invalid index name", "Query", "{'TableName':'Orders','IndexName':'x'}", VALIDATION,
                        "not a valid index name"),
                refusal("empty RequestItems", "BatchWriteItem", "{'RequestItems':{}}", VALIDATION,
                        "at least one table"),
                refusal("invalid table in RequestItems", "BatchWriteItem", "{'RequestItems':{'a/b':[{}]}}",
                        VALIDATION, "not a valid table name"),
                refusal("BatchGetItem without Keys", "BatchGetItem", "{'RequestItems':{'Orders':{}}}", VALIDATION,
                        "RequestItems.Orders.Keys is required"),
                refusal("empty TransactItems", "TransactWriteItems", "{'TransactItems':[]}", VALIDATION,
                        "must not be empty"),
                refusal("empty TransactItems entry", "TransactWriteItems", "{'TransactItems':[{}]}", VALIDATION,
                        "must have one of"),
                refusal("Put inside TransactGetItems", "TransactGetItems",
                        "{'TransactItems':[{'Put':{'TableName':'Orders'}}]}", VALIDATION, "unexpected member 'Put'"),
                refusal("unknown member in a TransactWriteItems entry", "TransactWriteItems",
                        "{'TransactItems':[{'Put':{'TableName':'Orders'},'Get':{'TableName':'Secrets'}}]}",
                        VALIDATION, "unexpected member 'Get'"),
                refusal("transact entry without TableName", "TransactWriteItems",
                        "{'TransactItems':[{'Put':{'TableName':'Orders'}},{'Delete':{'Key':{}}}]}", VALIDATION,
                        "TransactItems[1].Delete.TableName is required"),
                refusal("ResourceArn that is not an ARN", "TagResource", "{'ResourceArn':'Orders'}", VALIDATION,
                        "not a valid ARN"),
                refusal("ResourceArn with a control character", "TagResource",
                        "{'ResourceArn':'arn:aws:dynamodb:eu-west-1:123456789012:table/Orders\\u0000x'}", VALIDATION,
                        "not a valid ARN"),
                refusal("ResourceArn with a space", "ListTagsOfResource",
                        "{'ResourceArn':'arn:aws:dynamodb:eu-west-1:123456789012:table/Orders x'}", VALIDATION,
                        "not a valid ARN"),
                // found by fuzzing: ARNs that cannot exist were decided on
                refusal("ResourceArn with a wildcard and dot segments", "TagResource",
                        "{'ResourceArn':'arn:aws:dynamodb:eu-west-1:123456789012:table/*/../Secrets','Tags':[]}",
                        VALIDATION, "not a valid ARN of a DynamoDB resource"),
                refusal("index ARN of an invalid table name", "ListTagsOfResource",
                        "{'ResourceArn':'arn:aws:dynamodb:eu-west-1:123456789012:table/Order@s/index/ByDate'}",
                        VALIDATION, "not a valid ARN"),
                refusal("index ARN of an invalid index name", "ListTagsOfResource",
                        "{'ResourceArn':'arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/index/B'}",
                        VALIDATION, "not a valid ARN"),
                refusal("table ARN in an unknown partition and region", "DeleteItem",
                        "{'TableName':'arn:sws:dynamodb:-esuast-1:210987654321:table/Shared','Key':{}}", VALIDATION,
                        "not a valid table name or ARN"),
                refusal("table ARN in a region of another partition", "GetItem",
                        "{'TableName':'arn:aws-cn:dynamodb:us-east-1:210987654321:table/Shared'}", VALIDATION,
                        "'us-east-1' is not a region of partition aws-cn"),
                refusal("table ARN without a region", "GetItem",
                        "{'TableName':'arn:aws:dynamodb::123456789012:table/Orders'}", VALIDATION,
                        "is not a region of partition aws"),
                refusal("ResourceArn of another service", "TagResource",
                        "{'ResourceArn':'arn:aws:s3:eu-west-1:123456789012:table/Orders','Tags':[]}", VALIDATION,
                        "not a valid ARN"),
                refusal("ResourceArn with an unknown resource type", "TagResource",
                        "{'ResourceArn':'arn:aws:dynamodb:eu-west-1:123456789012:secret/Orders','Tags':[]}",
                        VALIDATION, "not a valid ARN"),
                refusal("stream ARN whose label is not a timestamp", "GetResourcePolicy",
                        "{'ResourceArn':'arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/stream/*'}",
                        VALIDATION, "not a valid ARN"),
                refusal("backup ARN with a dot segment", "DescribeBackup",
                        "{'BackupArn':'arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/backup/..'}",
                        VALIDATION, "not a valid ARN"),
                refusal("backup ARN with an 11-digit account", "DescribeBackup",
                        "{'BackupArn':'arn:aws:dynamodb:eu-west-1:12345678901:table/Orders/backup/"
                                + "01700000000000-abcdef12'}", VALIDATION, "not a valid ARN"),
                refusal("global table ARN with a region-less table", "TagResource",
                        "{'ResourceArn':'arn:aws:dynamodb::123456789012:table/Orders','Tags':[]}", VALIDATION,
                        "not a valid ARN"),
                refusal("Kinesis StreamArn that is a DynamoDB ARN", "EnableKinesisStreamingDestination",
                        "{'TableName':'Orders','StreamArn':'arn:aws:dynamodb:eu-west-1:123456789012:table/Orders'}",
                        VALIDATION, "not a valid Kinesis stream ARN"),
                refusal("Kinesis StreamArn with a wildcard", "DisableKinesisStreamingDestination",
                        "{'TableName':'Orders','StreamArn':'arn:aws:kinesis:eu-west-1:123456789012:stream/*'}",
                        VALIDATION, "not a valid Kinesis stream ARN"),
                refusal("BackupArn missing", "DescribeBackup", "{}", VALIDATION, "BackupArn is required"),
                refusal("StreamArn missing", "EnableKinesisStreamingDestination", "{'TableName':'Orders'}",
                        VALIDATION, "StreamArn is required"),
                refusal("restore without source", "RestoreTableToPointInTime", "{'TargetTableName':'Orders2'}",
                        VALIDATION, "SourceTableArn or SourceTableName is required"),
                refusal("replica in an invalid region", "UpdateTable",
                        "{'TableName':'Orders','ReplicaUpdates':[{'Create':{'RegionName':'../x'}}]}", VALIDATION,
                        "not a valid region name"),
                refusal("index update without name", "UpdateTable",
                        "{'TableName':'Orders','GlobalSecondaryIndexUpdates':[{'Delete':{}}]}", VALIDATION,
                        "GlobalSecondaryIndexUpdates[0].Delete.IndexName is required"),
                refusal("export to an invalid bucket", "ExportTableToPointInTime",
                        "{'TableArn':'Orders','S3Bucket':'a/b'}", VALIDATION, "not a valid S3 bucket name"),
                refusal("statement without a table", "ExecuteStatement", "{'Statement':'SELECT 1'}", VALIDATION,
                        "names no table"),
                refusal("statement missing", "ExecuteStatement", "{}", VALIDATION, "Statement is required"),
                refusal("one bad statement in a batch", "BatchExecuteStatement",
                        "{'Statements':[{'Statement':'DELETE FROM Orders WHERE pk = 1'},{'Statement':'DROP Orders'}]}",
                        VALIDATION, "Statements[1].Statement must be a SELECT"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"unknownActions", "malformedBodies", "invalidResources"})
    void refuses(Refusal r) {
        DecodeException e = catchThrowableOfType(DecodeException.class,
                () -> adapter.decode(Calls.request(r.action(), r.body()), Calls.CONTEXT));

        assertThat(e).as("refused").isNotNull();
        assertThat(e.errorCode()).isEqualTo(r.code());
        assertThat(e.getMessage()).contains(r.message());
    }

    @Test
    void refusesACallWithoutTarget() {
        assertRefused(request(Headers.empty(), "{}"), UNKNOWN_OPERATION, "no X-Amz-Target");
    }

    @Test
    void refusesAnotherServicesTarget() {
        assertRefused(request(target("AmazonSQS.SendMessage"), "{}"), UNKNOWN_OPERATION,
                "'AmazonSQS.SendMessage' is not a DynamoDB action");
    }

    @Test
    void refusesAnotherApiVersion() {
        assertRefused(request(target("DynamoDB_20111205.GetItem"), "{}"), UNKNOWN_OPERATION, "not a DynamoDB action");
    }

    @Test
    void refusesDynamoDbStreamsWithAClearMessage() {
        assertRefused(request(target("DynamoDBStreams_20120810.GetRecords"), "{}"), UNKNOWN_OPERATION,
                "does not decode DynamoDB Streams");
    }

    @Test
    void refusesTwoTargets() {
        Headers two = Headers.builder().add("X-Amz-Target", "DynamoDB_20120810.GetItem")
                .add("x-amz-target", "DynamoDB_20120810.DeleteTable").build();

        assertRefused(request(two, "{'TableName':'Orders'}"), UNKNOWN_OPERATION, "2 X-Amz-Target headers");
    }

    @Test
    void refusesControlCharactersInTheTargetWithoutEchoingThem() {
        DecodeException e = catchThrowableOfType(DecodeException.class,
                () -> adapter.decode(request(target("DynamoDB_20120810.Get\u001bItem"), "{}"), Calls.CONTEXT));

        assertThat(e.getMessage()).contains("'Get?Item'").doesNotContain("\u001b");
    }

    @Test
    void refusesBodiesThatAreNotUtf8() {
        byte[] latin1 = "{\"TableName\":\"Ordérs\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertRefused(Calls.request(target("DynamoDB_20120810.GetItem"), latin1), SERIALIZATION, "not valid UTF-8");
    }

    @Test
    void refusesUtf16BodiesThatJacksonWouldOtherwiseAccept() {
        byte[] utf16 = "{\"TableName\":\"Orders\"}".getBytes(StandardCharsets.UTF_16);

        assertThatThrownBy(() -> adapter.decode(Calls.request(target("DynamoDB_20120810.GetItem"), utf16),
                Calls.CONTEXT)).isInstanceOf(DecodeException.class)
                .extracting(e -> ((DecodeException) e).errorCode()).isEqualTo(SERIALIZATION);
    }

    private void assertRefused(RequestView request, String code, String message) {
        DecodeException e = catchThrowableOfType(DecodeException.class, () -> adapter.decode(request, Calls.CONTEXT));

        assertThat(e).as("refused").isNotNull();
        assertThat(e.errorCode()).isEqualTo(code);
        assertThat(e.getMessage()).contains(message);
    }

    private static Headers target(String target) {
        return Headers.builder().add("X-Amz-Target", target).build();
    }

    private static RequestView request(Headers headers, String singleQuotedBody) {
        return Calls.request(headers, singleQuotedBody.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }
}
