package io.gatehouse.plugins.aws.kinesis.internal;

import static io.gatehouse.api.adapter.DecodeException.SERIALIZATION;
import static io.gatehouse.api.adapter.DecodeException.UNKNOWN_OPERATION;
import static io.gatehouse.api.adapter.DecodeException.VALIDATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gatehouse.api.adapter.DecodeContext;
import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.adapter.Protocol;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Request in, (service, action, resources, parameters) out; and the requests the adapter must refuse. */
class KinesisAdapterTest {

    private static final DecodeContext CONTEXT = new DecodeContext("kinesis", "eu-west-1", "123456789012", "aws");
    private static final String ORDERS = CONTEXT.arn("stream/orders");
    private static final String OTHER_ACCOUNT = "arn:aws:kinesis:us-east-1:210987654321:stream/shared.events-1";
    private static final String CONSUMER = ORDERS + "/consumer/billing:1700000000";

    private final KinesisAdapter adapter = new KinesisAdapter(KinesisAdapterConfig.DEFAULT_MAX_NESTING_DEPTH);

    record Case(String name, String action, String body, List<String> resources, Map<String, String> parameters) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Refusal(String name, String target, String body, String code, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Single quotes stand for double quotes, to keep the bodies readable. */
    private static Case ok(String name, String action, String body, List<String> resources,
                           Map<String, String> parameters) {
        return new Case(name, action, body.replace('\'', '"'), resources, parameters);
    }

    private static Refusal no(String name, String action, String body, String code, String message) {
        return new Refusal(name, action == null ? null : "Kinesis_20131202." + action, body.replace('\'', '"'), code,
                message);
    }

    static Stream<Case> calls() {
        return Stream.of(
                ok("CreateStream", "CreateStream", "{'StreamName':'orders','ShardCount':2}", List.of(ORDERS),
                        Map.of("ShardCount", "2")),
                ok("DescribeStream with Limit", "DescribeStream", "{'StreamName':'orders','Limit':5}",
                        List.of(ORDERS), Map.of("Limit", "5")),
                ok("DescribeStreamSummary by ARN in another account", "DescribeStreamSummary",
                        "{'StreamARN':'" + OTHER_ACCOUNT + "'}", List.of(OTHER_ACCOUNT), Map.of()),
                ok("name and ARN of the same stream", "DeleteStream",
                        "{'StreamName':'orders','StreamARN':'" + ORDERS + "'}", List.of(ORDERS), Map.of()),
                ok("JSON-escaped name is the decoded name", "DescribeStream", "{'StreamName':'\\u006frders'}",
                        List.of(ORDERS), Map.of()),
                ok("PutRecord, name with dots, dash, underscore", "PutRecord",
                        "{'StreamName':'a.b-c_d','Data':'eA==','PartitionKey':'k'}",
                        List.of(CONTEXT.arn("stream/a.b-c_d")), Map.of()),
                ok("PutRecords counts its records", "PutRecords",
                        "{'StreamName':'orders','Records':[{'Data':'eA==','PartitionKey':'a'},"
                                + "{'Data':'eQ==','PartitionKey':'b'},{'Data':'eg==','PartitionKey':'c'}]}",
                        List.of(ORDERS), Map.of("ItemCount", "3")),
                ok("GetShardIterator", "GetShardIterator",
                        "{'StreamName':'orders','ShardId':'shardId-000000000000','ShardIteratorType':'TRIM_HORIZON'}",
                        List.of(ORDERS), Map.of("ShardIteratorType", "TRIM_HORIZON", "ShardId", "shardId-000000000000")),
                ok("GetRecords: the iterator is opaque", "GetRecords", "{'ShardIterator':'AAAA','Limit':10}",
                        List.of(), Map.of("Limit", "10")),
                ok("GetRecords with its StreamARN", "GetRecords",
                        "{'ShardIterator':'AAAA','StreamARN':'" + ORDERS + "'}", List.of(ORDERS), Map.of()),
                ok("ListShards", "ListShards", "{'StreamName':'orders','MaxResults':100}", List.of(ORDERS),
                        Map.of("MaxResults", "100")),
                ok("ListShards, a later page: the stream is inside the NextToken", "ListShards",
                        "{'NextToken':'AAAA','MaxResults':100}", List.of(), Map.of("MaxResults", "100")),
                ok("UpdateShardCount", "UpdateShardCount",
                        "{'StreamARN':'" + ORDERS + "','TargetShardCount':4,'ScalingType':'UNIFORM_SCALING'}",
                        List.of(ORDERS), Map.of("TargetShardCount", "4", "ScalingType", "UNIFORM_SCALING")),
                ok("ListStreams is account-level", "ListStreams", "{'Limit':10}", List.of(), Map.of("Limit", "10")),
                ok("DescribeLimits is account-level", "DescribeLimits", "{}", List.of(), Map.of()),
                ok("RegisterStreamConsumer: stream and consumer", "RegisterStreamConsumer",
                        "{'StreamARN':'" + ORDERS + "','ConsumerName':'billing'}",
                        List.of(ORDERS, ORDERS + "/consumer/billing"), Map.of()),
                ok("DescribeStreamConsumer by ConsumerARN", "DescribeStreamConsumer",
                        "{'ConsumerARN':'" + CONSUMER + "'}", List.of(CONSUMER), Map.of()),
                ok("DeregisterStreamConsumer by StreamARN and ConsumerName", "DeregisterStreamConsumer",
                        "{'StreamARN':'" + ORDERS + "','ConsumerName':'billing'}",
                        List.of(ORDERS + "/consumer/billing"), Map.of()),
                ok("DescribeStreamConsumer, ARN agreeing with stream and name", "DescribeStreamConsumer",
                        "{'ConsumerARN':'" + CONSUMER + "','StreamARN':'" + ORDERS + "','ConsumerName':'billing'}",
                        List.of(CONSUMER), Map.of()),
                ok("ListStreamConsumers", "ListStreamConsumers", "{'StreamARN':'" + ORDERS + "'}", List.of(ORDERS),
                        Map.of()),
                ok("SubscribeToShard (HTTP/2 event stream answer)", "SubscribeToShard",
                        "{'ConsumerARN':'" + CONSUMER + "','ShardId':'shardId-000000000001',"
                                + "'StartingPosition':{'Type':'LATEST'}}",
                        List.of(CONSUMER), Map.of("ShardId", "shardId-000000000001")),
                ok("PutResourcePolicy on a consumer", "PutResourcePolicy",
                        "{'ResourceARN':'" + CONSUMER + "','Policy':'{}'}", List.of(CONSUMER), Map.of()),
                ok("TagResource on a stream", "TagResource",
                        "{'ResourceARN':'" + ORDERS + "','Tags':{'a':'b'}}", List.of(ORDERS), Map.of()));
    }

    static Stream<Refusal> refusals() {
        return Stream.of(
                no("no target", null, "{}", UNKNOWN_OPERATION, "no X-Amz-Target"),
                new Refusal("another service's target", "DynamoDB_20120810.ListTables", "{}", UNKNOWN_OPERATION,
                        "not a Kinesis action"),
                no("unknown action", "DropStream", "{}", UNKNOWN_OPERATION, "Unknown Kinesis action 'DropStream'"),
                no("action in the wrong case", "putrecord", "{}", UNKNOWN_OPERATION, "'putrecord'"),
                no("empty body", "ListStreams", "", SERIALIZATION, "must be a JSON object"),
                no("malformed JSON", "PutRecord", "{'StreamName':'orders'", SERIALIZATION, "not valid JSON"),
                no("two documents", "PutRecord", "{'StreamName':'orders'}{'StreamName':'x'}", SERIALIZATION,
                        "not valid JSON"),
                no("duplicate StreamName", "PutRecord", "{'StreamName':'orders','StreamName':'secret'}",
                        SERIALIZATION, "Duplicate"),
                no("over-deep nesting", "PutRecord", "{'StreamName':'orders','x':" + "[".repeat(40)
                        + "]".repeat(40) + "}", SERIALIZATION, "nested deeper"),
                no("StreamName and StreamARN naming different streams", "PutRecord",
                        "{'StreamName':'orders','StreamARN':'" + OTHER_ACCOUNT + "'}", VALIDATION,
                        "name different streams"),
                no("same name, ARN in another region", "GetShardIterator",
                        "{'StreamName':'orders','StreamARN':'arn:aws:kinesis:us-east-1:123456789012:stream/orders'}",
                        VALIDATION, "name different streams"),
                no("no stream", "DescribeStream", "{}", VALIDATION, "Either StreamName or StreamARN is required"),
                no("name with a slash", "DescribeStream", "{'StreamName':'orders/consumer/x'}", VALIDATION,
                        "not a valid name"),
                no("unicode name", "DescribeStream", "{'StreamName':'\u00f6rders'}", VALIDATION, "not a valid name"),
                no("JSON-escaped slash", "DescribeStream", "{'StreamName':'a\\u002Fb'}", VALIDATION,
                        "not a valid name"),
                no("name too long", "DescribeStream", "{'StreamName':'" + "a".repeat(129) + "'}", VALIDATION,
                        "not a valid name"),
                no("StreamARN of another service", "DescribeStream",
                        "{'StreamARN':'arn:aws:dynamodb:eu-west-1:123456789012:table/orders'}", VALIDATION,
                        "not a Kinesis stream ARN"),
                no("StreamName not a string", "DescribeStream", "{'StreamName':42}", SERIALIZATION,
                        "StreamName must be a string"),
                no("consumer ARN and a different name", "DescribeStreamConsumer",
                        "{'ConsumerARN':'" + CONSUMER + "','ConsumerName':'other'}", VALIDATION,
                        "names another consumer"),
                no("consumer without stream", "DescribeStreamConsumer", "{'ConsumerName':'billing'}", VALIDATION,
                        "Either ConsumerARN or both"),
                no("ResourceARN not Kinesis", "TagResource", "{'ResourceARN':'arn:aws:s3:::bucket'}", VALIDATION,
                        "not a Kinesis stream or consumer ARN"),
                no("Limit as a string", "GetRecords", "{'ShardIterator':'AAAA','Limit':'10'}", SERIALIZATION,
                        "Limit must be an integer"),
                no("PutRecords without records", "PutRecords", "{'StreamName':'orders','Records':[]}", VALIDATION,
                        "Records must not be empty"));
    }

    @ParameterizedTest
    @MethodSource("calls")
    void decodes(Case call) throws DecodeException {
        AwsOperation operation = adapter.decode(request("Kinesis_20131202." + call.action(), call.body(), "json-1.1"),
                CONTEXT);

        assertThat(operation.service()).isEqualTo("kinesis");
        assertThat(operation.action()).isEqualTo(call.action());
        assertThat(operation.region()).isEqualTo("eu-west-1");
        assertThat(operation.resources()).containsExactlyElementsOf(call.resources());
        assertThat(operation.parameters()).isEqualTo(call.parameters());
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void refuses(Refusal refusal) {
        DecodeException e = catchThrowableOfType(DecodeException.class,
                () -> adapter.decode(request(refusal.target(), refusal.body(), "json-1.1"), CONTEXT));

        assertThat(e).as(refusal.name()).isNotNull();
        assertThat(e.errorCode()).isEqualTo(refusal.code());
        assertThat(e.getMessage()).contains(refusal.message());
    }

    @Test
    void refusesCborWithAHint() {
        DecodeException e = catchThrowableOfType(DecodeException.class,
                () -> adapter.decode(request("Kinesis_20131202.ListStreams", "{}", "cbor-1.1"), CONTEXT));

        assertThat(e.errorCode()).isEqualTo(SERIALIZATION);
        assertThat(e.getMessage()).contains("aws.cborEnabled=false");
    }

    @Test
    void refusesTwoTargets() {
        Headers headers = Headers.builder().add("X-Amz-Target", "Kinesis_20131202.ListStreams")
                .add("X-Amz-Target", "Kinesis_20131202.DeleteStream").build();
        DecodeException e = catchThrowableOfType(DecodeException.class, () -> adapter.decode(
                new RequestView("POST", "/", "", headers, Body.of("{}".getBytes(StandardCharsets.UTF_8))), CONTEXT));

        assertThat(e.errorCode()).isEqualTo(UNKNOWN_OPERATION);
        assertThat(e.getMessage()).contains("2 X-Amz-Target headers");
    }

    @Test
    void speaksJson11AndKnowsEveryListedAction() {
        assertThat(adapter.protocol()).isEqualTo(Protocol.AWS_JSON_1_1);
        assertThat(KinesisActions.isKnown("SubscribeToShard")).isTrue();
        assertThat(KinesisActions.STREAM.size() + KinesisActions.CONSUMER.size() + KinesisActions.RESOURCE_ARN.size()
                + KinesisActions.ACCOUNT.size() + KinesisActions.OTHER.size()).isEqualTo(39);
    }

    private static RequestView request(String target, String body, String contentType) {
        Headers.Builder headers = Headers.builder().add("Content-Type", "application/x-amz-" + contentType)
                .add("Host", "127.0.0.1:7700");
        if (target != null) {
            headers.add("X-Amz-Target", target);
        }
        return new RequestView("POST", "/", "", headers.build(), Body.of(body.getBytes(StandardCharsets.UTF_8)));
    }
}
