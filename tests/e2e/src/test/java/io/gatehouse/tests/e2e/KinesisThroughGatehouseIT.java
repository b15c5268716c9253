package io.gatehouse.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real AWS CLI runs the same Kinesis session through Gatehouse (to a kinesalite behind the signature-checking
 * double) and directly against a second, fresh kinesalite; every answer must be the same once sequence numbers,
 * shard iterators and timestamps (which differ between any two servers) are blanked. The double proves every call
 * was re-signed with the upstream key.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KinesisThroughGatehouseIT {

    private static final String STREAM = "gatehouse-e2e-events";
    private static final Set<String> VOLATILE = Set.of("SequenceNumber", "StartingSequenceNumber",
            "EndingSequenceNumber", "ShardIterator", "NextShardIterator", "StreamCreationTimestamp",
            "ApproximateArrivalTimestamp", "MillisBehindLatest");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directDir;
    static GatewayChain<Kinesalite> stack;
    static Kinesalite direct;
    static AwsCli throughGatehouse;
    static AwsCli directCli;
    static CliComparison session;

    @BeforeAll
    static void start() {
        stack = GatewayChain.start(new GatewayChain.Spec<>("kinesis", Kinesalite::start, Kinesalite::endpoint,
                List.of("kinesis"), gatehouse -> { }, s -> s.cli().run("kinesis", "list-streams").ok()));
        direct = Kinesalite.start(directDir);
        throughGatehouse = stack.cli();
        directCli = AwsCli.create(directDir, direct.endpoint(), AccessKey.random("AKIADIRECT"), GatewayChain.REGION);
        session = new CliComparison(throughGatehouse, directCli, VOLATILE, directDir);
    }

    @AfterAll
    static void stop() {
        Closing.all(direct, stack);
    }

    @Test
    @Order(1)
    void sameSessionThroughGatehouseAsDirect() throws JsonProcessingException {
        session.same("kinesis", "create-stream", "--stream-name", STREAM, "--shard-count", "1");
        session.same("kinesis", "describe-stream", "--stream-name", STREAM);
        session.same("kinesis", "put-record", "--stream-name", STREAM, "--partition-key", "k1", "--data", "aGVsbG8=");
        session.same("kinesis", "put-record", "--stream-name", STREAM, "--partition-key", "k2", "--data", "d29ybGQ=");
        session.same("kinesis", "put-records", "--stream-name", STREAM, "--records", "Data=eA==,PartitionKey=a",
                "Data=eQ==,PartitionKey=b");
        session.same("kinesis", "list-streams");
        session.same("kinesis", "list-shards", "--stream-name", STREAM);
        AwsCli.Result[] iterators = session.same("kinesis", "get-shard-iterator", "--stream-name", STREAM, "--shard-id",
                "shardId-000000000000", "--shard-iterator-type", "TRIM_HORIZON");
        AwsCli.Result gateway = throughGatehouse.run("kinesis", "get-records", "--shard-iterator",
                iterator(iterators[0]));
        AwsCli.Result expected = directCli.run("kinesis", "get-records", "--shard-iterator", iterator(iterators[1]));
        session.compare("kinesis get-records", gateway, expected, true);
        assertThat(JSON.readTree(gateway.stdout()).path("Records")).as("records read back through Gatehouse")
                .hasSize(4);
        session.same("kinesis", "delete-stream", "--stream-name", STREAM);
        session.same("kinesis", "describe-stream", "--stream-name", "gatehouse-e2e-missing");
    }

    @Test
    @Order(2)
    void upstreamSawOnlyVerifiedCallsSignedWithTheUpstreamKey() {
        List<SigningUpstream.SeenRequest> seen = stack.upstream.requests();

        assertThat(seen).extracting(request -> request.header("X-Amz-Target")).contains(
                "Kinesis_20131202.CreateStream", "Kinesis_20131202.PutRecord", "Kinesis_20131202.PutRecords",
                "Kinesis_20131202.ListShards", "Kinesis_20131202.GetShardIterator",
                "Kinesis_20131202.GetRecords", "Kinesis_20131202.DeleteStream");
        stack.assertReSignedWithTheUpstreamKey(seen);
    }

    @Test
    @Order(3)
    void ambiguousStreamIsRefusedBeforeUpstream() {
        int before = stack.upstream.count();

        AwsCli.Result result = throughGatehouse.run("kinesis", "describe-stream-summary", "--stream-name", STREAM,
                "--stream-arn", "arn:aws:kinesis:us-east-1:123456789012:stream/another-stream");

        assertThat(result.exitCode()).as("%s", result).isNotZero();
        assertThat(result.stderr()).contains("ValidationException").contains("name different streams");
        assertThat(stack.upstream.count()).as("nothing reached the upstream").isEqualTo(before);
    }

    private static String iterator(AwsCli.Result result) throws JsonProcessingException {
        return JSON.readTree(result.stdout()).path("ShardIterator").asText();
    }
}
