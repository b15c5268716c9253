package io.gatehouse.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * SQS through Gatehouse in both protocols: the real AWS CLI (query protocol) and the AWS SDK for Java v2 (JSON
 * protocol) run the same session through Gatehouse and directly against a second, fresh ElasticMQ; every answer
 * must be the same once the values that differ between two servers (ports in queue URLs, message ids, receipt
 * handles) are normalised. The upstream double proves every call was re-signed with the upstream key; ambiguous
 * calls are refused before they reach it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SqsThroughGatehouseIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fields that differ between two servers for reasons that have nothing to do with the gateway. */
    private static final Set<String> VOLATILE = Set.of("MessageId", "ReceiptHandle", "SequenceNumber");

    @TempDir
    static Path directDir;
    static SqsStack stack;
    static ElasticMq direct;
    /** Everything the clients received through Gatehouse, scanned for credentials at the end. */
    static final List<String> CLIENT_SAW = new java.util.concurrent.CopyOnWriteArrayList<>();

    @RegisterExtension
    static final DumpLogsOnFailure DUMP = new DumpLogsOnFailure(() -> stack);

    @BeforeAll
    static void start() {
        stack = SqsStack.start("sqs");
        direct = ElasticMq.start(directDir);
    }

    @AfterAll
    static void stop() {
        Closing.all(direct, stack);
    }

    @Test
    @Order(1)
    void cliGivesTheSameAnswersThroughGatehouseAsDirect() {
        Side gateway = new Side(stack.cli());
        Side directSide = new Side(AwsCli.create(directDir, direct.endpoint(), AccessKey.random("AKIADIRECT"),
                SqsStack.REGION));
        List<Function<Map<String, String>, List<String>>> session = List.of(
                v -> List.of("sqs", "create-queue", "--queue-name", "gh-orders"),
                v -> List.of("sqs", "get-queue-url", "--queue-name", "gh-orders"),
                v -> List.of("sqs", "list-queues"),
                v -> List.of("sqs", "send-message", "--queue-url", v.get("QueueUrl"),
                        "--message-body", "hello €/+ &=% world"),
                v -> List.of("sqs", "receive-message", "--queue-url", v.get("QueueUrl"),
                        "--max-number-of-messages", "1", "--wait-time-seconds", "1"),
                v -> List.of("sqs", "delete-message", "--queue-url", v.get("QueueUrl"),
                        "--receipt-handle", v.get("ReceiptHandle")),
                v -> List.of("sqs", "receive-message", "--queue-url", v.get("QueueUrl"), "--wait-time-seconds", "0"),
                v -> List.of("sqs", "send-message-batch", "--queue-url", v.get("QueueUrl"),
                        "--entries", "Id=a,MessageBody=one", "Id=b,MessageBody=two"),
                v -> List.of("sqs", "create-queue", "--queue-name", "gh-payments.fifo",
                        "--attributes", "FifoQueue=true,ContentBasedDeduplication=true"),
                v -> List.of("sqs", "send-message", "--queue-url", v.get("QueueUrl"), "--message-body", "m1",
                        "--message-group-id", "g1"),
                v -> List.of("sqs", "list-queues", "--queue-name-prefix", "gh-"),
                v -> List.of("sqs", "get-queue-url", "--queue-name", "gh-missing"));

        int before = stack.upstream.count();
        for (Function<Map<String, String>, List<String>> step : session) {
            List<String> viaGatehouse = step.apply(gateway.values);
            AwsCli.Result through = gateway.run(viaGatehouse);
            CLIENT_SAW.add(through.toString());
            AwsCli.Result expected = directSide.run(step.apply(directSide.values));
            String command = "aws " + String.join(" ", viaGatehouse);

            assertThat(through.exitCode()).as(command + " exit code; through Gatehouse:\n" + through + "\ndirect:\n"
                    + expected).isEqualTo(expected.exitCode());
            assertThat(normalise(through.stdout())).as(command + " output").isEqualTo(normalise(expected.stdout()));
            assertThat(ports(through.stderr()).trim()).as(command + " errors").isEqualTo(ports(expected.stderr()).trim());
        }
        assertThat(gateway.values.get("QueueUrl")).startsWith(stack.elasticMq.endpoint() + "/000000000000/");
        assertThat(gateway.values).containsKey("ReceiptHandle");
        List<SigningUpstream.SeenRequest> cliCalls = stack.upstream.requests().subList(before, stack.upstream.count());
        assertThat(cliCalls).as("one upstream call per command").hasSize(session.size())
                .allSatisfy(request -> assertThat(request.header("X-Amz-Target")).as("query protocol: %s", request)
                        .isNull());
    }

    @Test
    @Order(2)
    void sdkJsonProtocolGivesTheSameAnswersThroughGatehouseAsDirect() {
        int before = stack.upstream.count();
        try (SqsClient through = client(stack.gatehouse.endpoint(), stack.clientKey);
             SqsClient directClient = client(direct.endpoint(), AccessKey.random("AKIADIRECT"))) {
            assertThat(sdkSession(through)).isEqualTo(sdkSession(directClient));
        }
        List<SigningUpstream.SeenRequest> sdkCalls = stack.upstream.requests().subList(before, stack.upstream.count());
        assertThat(sdkCalls).isNotEmpty().allSatisfy(request -> assertThat(request.header("X-Amz-Target"))
                .as("JSON protocol: %s", request).startsWith("AmazonSQS."));
    }

    @Test
    @Order(3)
    void ambiguousCallsAreRefusedBeforeTheyReachTheUpstream() {
        String url = "QueueUrl=" + java.net.URLEncoder.encode(direct.endpoint() + "/000000000000/gh-orders",
                java.nio.charset.StandardCharsets.UTF_8);
        int before = stack.upstream.count();

        RawDynamoDbCall.Response twice = stack.query("/", "", "Action=PurgeQueue&" + url + "&" + url.replace(
                "gh-orders", "gh-payments.fifo") + "&Version=2012-11-05");
        RawDynamoDbCall.Response twoActions = stack.query("/", "Action=ListQueues",
                "Action=DeleteQueue&" + url + "&Version=2012-11-05");
        RawDynamoDbCall.Response unknown = stack.query("/", "", "Action=DropEverything&Version=2012-11-05");
        RawDynamoDbCall.Response badEscape = stack.query("/", "", "Action=SendMessage&" + url
                + "&MessageBody=%zz&Version=2012-11-05");

        List.of(twice, twoActions, unknown, badEscape).forEach(response -> CLIENT_SAW.add(response.toString()));
        assertThat(twice.status()).as(twice.toString()).isEqualTo(400);
        assertThat(twice.body()).contains("MalformedQueryString", "QueueUrl");
        assertThat(twoActions.status()).as(twoActions.toString()).isEqualTo(400);
        assertThat(twoActions.body()).contains("two actions");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
        assertThat(unknown.body()).contains("DropEverything");
        assertThat(badEscape.status()).as(badEscape.toString()).isEqualTo(400);
        assertThat(badEscape.body()).contains("MalformedQueryString");
        assertThat(stack.upstream.count()).as("requests that reached the upstream").isEqualTo(before);
    }

    @Test
    @Order(4)
    void refusalsReachEachClientInTheProtocolItSpeaks() {
        String badQueue = stack.elasticMq.endpoint() + "/000000000000/bad*name";
        int before = stack.upstream.count();

        AwsCli.Result cli = stack.cli().run("sqs", "purge-queue", "--queue-url", badQueue);
        SqsException sdk;
        try (SqsClient through = client(stack.gatehouse.endpoint(), stack.clientKey)) {
            sdk = catchThrowableOfType(SqsException.class, () -> through.purgeQueue(r -> r.queueUrl(badQueue)));
        }

        CLIENT_SAW.add(cli.toString());
        CLIENT_SAW.add(String.valueOf(sdk));
        assertThat(cli.exitCode()).as(cli.toString()).isNotZero();
        assertThat(cli.stderr()).contains("(ValidationException)", "not a valid queue name");
        assertThat(sdk).as("SDK (JSON protocol) refusal").isNotNull();
        assertThat(sdk.statusCode()).isEqualTo(400);
        assertThat(sdk.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(sdk.getMessage()).contains("not a valid queue name");
        assertThat(stack.upstream.count()).as("requests that reached the upstream").isEqualTo(before);
    }

    @Test
    @Order(5)
    void upstreamSawOnlyVerifiedCallsSignedWithTheUpstreamKey() {
        List<SigningUpstream.SeenRequest> seen = stack.upstream.requests();

        assertThat(seen).isNotEmpty().allSatisfy(request -> {
            assertThat(request.verified()).as("verified: %s", request).isTrue();
            assertThat(request.accessKeyId()).isEqualTo(stack.upstreamKey.id());
            assertThat(request.allHeaderText()).doesNotContain(stack.clientKey.id());
        });
    }

    @Test
    @Order(6)
    void noCredentialInAnyAnswerOrInTheGatewayLog() {
        String answers = String.join("\n", CLIENT_SAW);
        String log = stack.gatehouse.logText();
        Map<String, String> forbidden = Map.of("upstream secret", stack.upstreamKey.secret(),
                "upstream key id", stack.upstreamKey.id(), "client secret", stack.clientKey.secret());

        assertThat(CLIENT_SAW).as("answers scanned").hasSizeGreaterThan(10);
        assertThat(log).as("the Gatehouse log is empty: nothing was scanned").isNotBlank();
        forbidden.forEach((what, value) -> {
            assertThat(answers).as("%s in %d answers", what, CLIENT_SAW.size()).doesNotContain(value);
            assertThat(log).as("%s in the Gatehouse log", what).doesNotContain(value);
        });
    }

    /** The same calls with the SDK; returns what must be equal on both sides. */
    private static List<String> sdkSession(SqsClient sqs) {
        List<String> answers = new ArrayList<>();
        String url = sqs.createQueue(r -> r.queueName("gh-sdk")).queueUrl();
        answers.add(ports(url));
        answers.add(ports(sqs.getQueueUrl(r -> r.queueName("gh-sdk")).queueUrl()));
        answers.add(sqs.sendMessage(r -> r.queueUrl(url).messageBody("sdk €/+ &=%")).md5OfMessageBody());
        answers.add(sqs.sendMessageBatch(r -> r.queueUrl(url).entries(e -> e.id("a").messageBody("one"),
                e -> e.id("b").messageBody("two"))).successful().stream().map(e -> e.id()).sorted().toList().toString());
        List<Message> received = new ArrayList<>();
        for (int i = 0; i < 5 && received.size() < 3; i++) {
            received.addAll(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages());
        }
        answers.add(received.stream().map(m -> m.body() + "/" + m.md5OfBody()).sorted().toList().toString());
        received.forEach(m -> sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle())));
        answers.add("left: " + sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(0)).messages().size());
        answers.add(sqs.listQueues(r -> r.queueNamePrefix("gh-sdk")).queueUrls().stream().map(SqsThroughGatehouseIT::ports)
                .toList().toString());
        try {
            sqs.getQueueUrl(r -> r.queueName("gh-sdk-missing"));
            answers.add("no error");
        } catch (QueueDoesNotExistException e) {
            answers.add("error " + e.statusCode() + " " + e.awsErrorDetails().errorCode());
        }
        return answers;
    }

    private static SqsClient client(URI endpoint, AccessKey key) {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.of(SqsStack.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.id(),
                        key.secret())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** One client's session: the CLI and the values earlier answers gave it (queue URL, receipt handle). */
    private static final class Side {
        final AwsCli cli;
        final Map<String, String> values = new HashMap<>();

        Side(AwsCli cli) {
            this.cli = cli;
        }

        AwsCli.Result run(List<String> args) {
            AwsCli.Result result = cli.run(args.toArray(String[]::new));
            remember(result.stdout());
            return result;
        }

        private void remember(String stdout) {
            JsonNode answer = parse(stdout);
            if (answer.hasNonNull("QueueUrl")) {
                values.put("QueueUrl", answer.get("QueueUrl").asText());
            }
            JsonNode messages = answer.path("Messages");
            if (messages.size() > 0) {
                values.put("ReceiptHandle", messages.get(0).get("ReceiptHandle").asText());
            }
        }
    }

    private static JsonNode normalise(String stdout) {
        JsonNode tree = parse(stdout);
        normaliseNode(tree);
        return tree;
    }

    private static void normaliseNode(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (VOLATILE.contains(field.getKey())) {
                    field.setValue(TextNode.valueOf("<volatile>"));
                } else if (field.getValue().isTextual()) {
                    field.setValue(TextNode.valueOf(ports(field.getValue().asText())));
                } else {
                    normaliseNode(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(ports(array.get(i).asText())));
                } else {
                    normaliseNode(array.get(i));
                }
            }
        }
    }

    /** Queue URLs name the ElasticMQ that answered; the two servers listen on different ports. */
    private static String ports(String text) {
        return text.replaceAll("http://127\\.0\\.0\\.1:[0-9]+", "http://<elasticmq>");
    }

    private static JsonNode parse(String stdout) {
        if (stdout.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(stdout);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + stdout, e);
        }
    }
}
