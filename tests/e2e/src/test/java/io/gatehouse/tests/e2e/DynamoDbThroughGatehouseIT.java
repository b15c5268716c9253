package io.gatehouse.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real AWS CLI runs the same DynamoDB session through Gatehouse and directly against a second,
 * fresh dynalite; every answer must be the same. The upstream double proves every call was re-signed
 * with the upstream key and that the client's key never went past the gateway.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DynamoDbThroughGatehouseIT {

    private static final String TABLE = "gatehouse_e2e_orders";
    /** Fields that differ between two servers for reasons that have nothing to do with the gateway. */
    private static final Set<String> VOLATILE = Set.of("CreationDateTime", "TableId", "LastIncreaseDateTime",
            "LastDecreaseDateTime", "LastUpdateToPayPerRequestDateTime");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directDir;
    static GatewayStack stack;
    static Dynalite direct;
    static AwsCli throughGatehouse;
    static AwsCli directCli;
    static final SecretScan SCAN = new SecretScan();
    static int gatewayCalls;

    @RegisterExtension
    static final DumpLogsOnFailure DUMP = new DumpLogsOnFailure(() -> stack);

    @BeforeAll
    static void start() {
        stack = GatewayStack.start("dynamodb");
        direct = Dynalite.start(directDir);
        throughGatehouse = stack.cli();
        directCli = AwsCli.create(directDir, direct.endpoint(), AccessKey.random("AKIADIRECT"), GatewayStack.REGION);
    }

    @AfterAll
    static void stop() {
        Closing.all(direct, stack);
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> sameAnswersThroughGatehouseAsDirect() {
        return session().stream().map(step -> DynamicTest.dynamicTest(String.join(" ", step), () -> compare(step)));
    }

    @Test
    @Order(2)
    void upstreamSawOnlyVerifiedCallsSignedWithTheUpstreamKey() {
        List<SigningUpstream.SeenRequest> seen = stack.upstream.requests();

        assertThat(seen).as("one upstream call per CLI call (plus readiness checks)")
                .hasSizeGreaterThanOrEqualTo(gatewayCalls);
        stack.assertReSignedWithTheUpstreamKey(seen);
    }

    @Test
    @Order(3)
    void noCredentialLeaks() {
        SCAN.assertClean(stack);
    }

    private static void compare(List<String> step) throws JsonProcessingException {
        String[] args = step.toArray(String[]::new);
        int before = stack.upstream.count();
        AwsCli.Result gateway = throughGatehouse.run(args);
        AwsCli.Result expected = directCli.run(args);
        gatewayCalls++;
        SCAN.clientSaw(gateway);

        String command = "aws " + String.join(" ", step);
        assertThat(gateway.exitCode()).as("%s: exit code through Gatehouse vs direct:\n%s\n=== direct:\n%s", command,
                gateway, expected).isEqualTo(expected.exitCode());
        if (expected.ok()) {
            assertThat(normalised(gateway.stdout())).as("%s: answer through Gatehouse vs direct", command)
                    .isEqualTo(normalised(expected.stdout()));
        } else {
            assertThat(gateway.stderr().strip()).as("%s: error through Gatehouse vs direct", command)
                    .isEqualTo(expected.stderr().strip());
        }
        assertNoConsumedCapacity(gateway);
        assertNoConsumedCapacity(expected);
        assertThat(stack.upstream.count() - before).as("%s: upstream calls for one CLI call", command).isEqualTo(1);
    }

    /** Not asked for, so absent; the CLI's paginator prints {@code "ConsumedCapacity": null} for query and scan. */
    private static void assertNoConsumedCapacity(AwsCli.Result result) throws JsonProcessingException {
        if (result.ok() && !result.stdout().isBlank()) {
            assertThat(JSON.readTree(result.stdout()).findValues("ConsumedCapacity"))
                    .as("ConsumedCapacity in %s", result.stdout()).allMatch(JsonNode::isNull);
        }
    }

    private static JsonNode normalised(String stdout) throws JsonProcessingException {
        JsonNode node = stdout.isBlank() ? JSON.nullNode() : JSON.readTree(stdout);
        strip(node);
        return node;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
                if (VOLATILE.contains(names.next())) {
                    names.remove();
                }
            }
        }
        node.forEach(DynamoDbThroughGatehouseIT::strip);
    }

    /** One CLI session touching every operation of the issue, in order. */
    private static List<List<String>> session() {
        String key1 = "{\"pk\":{\"S\":\"customer#1\"},\"sk\":{\"S\":\"order#001\"}}";
        List<List<String>> steps = new ArrayList<>();
        steps.add(List.of("dynamodb", "create-table", "--table-name", TABLE,
                "--attribute-definitions", "AttributeName=pk,AttributeType=S", "AttributeName=sk,AttributeType=S",
                "--key-schema", "AttributeName=pk,KeyType=HASH", "AttributeName=sk,KeyType=RANGE",
                "--billing-mode", "PAY_PER_REQUEST"));
        steps.add(List.of("dynamodb", "describe-table", "--table-name", TABLE));
        steps.add(put("{\"pk\":{\"S\":\"customer#1\"},\"sk\":{\"S\":\"order#001\"},\"total\":{\"N\":\"12.50\"},"
                + "\"status\":{\"S\":\"open\"},\"gift\":{\"BOOL\":false},\"note\":{\"NULL\":true},"
                + "\"lines\":{\"L\":[{\"M\":{\"sku\":{\"S\":\"A-1\"},\"qty\":{\"N\":\"2\"}}}]},"
                + "\"blob\":{\"B\":\"AAECAwQ=\"},\"tags\":{\"SS\":[\"new\",\"priority\"]}}"));
        steps.add(put("{\"pk\":{\"S\":\"customer#1\"},\"sk\":{\"S\":\"order#002\"},\"total\":{\"N\":\"3\"},"
                + "\"status\":{\"S\":\"shipped\"},\"city\":{\"S\":\"Zürich — ünïcødé ✓\"}}"));
        steps.add(put("{\"pk\":{\"S\":\"customer#2\"},\"sk\":{\"S\":\"order#001\"},\"total\":{\"N\":\"99\"}}"));
        steps.add(List.of("dynamodb", "get-item", "--table-name", TABLE, "--key", key1, "--consistent-read"));
        steps.add(List.of("dynamodb", "query", "--table-name", TABLE,
                "--key-condition-expression", "pk = :pk AND begins_with(sk, :prefix)",
                "--expression-attribute-values", "{\":pk\":{\"S\":\"customer#1\"},\":prefix\":{\"S\":\"order#\"}}"));
        steps.add(List.of("dynamodb", "scan", "--table-name", TABLE));
        steps.add(List.of("dynamodb", "update-item", "--table-name", TABLE, "--key", key1,
                "--update-expression", "SET #s = :s ADD total :inc",
                "--expression-attribute-names", "{\"#s\":\"status\"}",
                "--expression-attribute-values", "{\":s\":{\"S\":\"paid\"},\":inc\":{\"N\":\"1.25\"}}",
                "--return-values", "ALL_NEW"));
        steps.add(List.of("dynamodb", "delete-item", "--table-name", TABLE,
                "--key", "{\"pk\":{\"S\":\"customer#2\"},\"sk\":{\"S\":\"order#001\"}}", "--return-values", "ALL_OLD"));
        steps.add(List.of("dynamodb", "batch-write-item", "--request-items", "{\"" + TABLE + "\":["
                + "{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"customer#3\"},\"sk\":{\"S\":\"order#001\"}}}},"
                + "{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"customer#3\"},\"sk\":{\"S\":\"order#002\"}}}},"
                + "{\"DeleteRequest\":{\"Key\":{\"pk\":{\"S\":\"customer#1\"},\"sk\":{\"S\":\"order#002\"}}}}]}"));
        steps.add(List.of("dynamodb", "scan", "--table-name", TABLE));
        steps.add(List.of("dynamodb", "get-item", "--table-name", "gatehouse_e2e_missing", "--key", key1));
        steps.add(List.of("dynamodb", "describe-table", "--table-name", TABLE));
        steps.add(List.of("dynamodb", "list-tables"));
        steps.add(List.of("dynamodb", "delete-table", "--table-name", TABLE));
        steps.add(List.of("dynamodb", "list-tables"));
        return steps;
    }

    private static List<String> put(String item) {
        return List.of("dynamodb", "put-item", "--table-name", TABLE, "--item", item);
    }
}
