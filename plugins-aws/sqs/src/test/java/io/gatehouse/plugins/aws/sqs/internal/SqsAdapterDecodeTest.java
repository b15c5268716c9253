package io.gatehouse.plugins.aws.sqs.internal;

import static io.gatehouse.plugins.aws.sqs.internal.Calls.ACCOUNT;
import static io.gatehouse.plugins.aws.sqs.internal.Calls.arn;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.adapter.Protocol;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.RequestView;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Request in, (action, resources, parameters) out, in both SQS protocols. */
class SqsAdapterDecodeTest {

    private static final String ELASTICMQ_URL = "http%3A%2F%2F127.0.0.1%3A9324%2F000000000000%2Forders";
    private static final String AWS_URL = "https%3A%2F%2Fsqs.eu-west-1.amazonaws.com%2F" + ACCOUNT + "%2Forders";
    private static final String ORDERS = arn(ACCOUNT, "orders");
    private static final String LOCAL_ORDERS = arn("000000000000", "orders");
    private static final String FIFO = arn(ACCOUNT, "payments-2024_v1.fifo");

    private final SqsAdapter adapter = new SqsAdapter();

    record Case(String name, RequestView request, String action, List<String> resources,
                Map<String, String> parameters) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case query(String name, String body, String action, List<String> resources,
                              Map<String, String> parameters) {
        return new Case("query: " + name, Calls.form("/", body + "&Version=2012-11-05"), action, resources,
                parameters);
    }

    private static Case json(String name, String action, String body, List<String> resources,
                             Map<String, String> parameters) {
        return new Case("json: " + name, Calls.json(action, body), action, resources, parameters);
    }

    static Stream<Case> queryCalls() {
        return Stream.of(
                query("SendMessage to an AWS queue URL", "Action=SendMessage&QueueUrl=" + AWS_URL
                        + "&MessageBody=hello+world%21&DelaySeconds=05", "SendMessage", List.of(ORDERS),
                        Map.of("DelaySeconds", "5")),
                query("SendMessage to an ElasticMQ URL names its account", "Action=SendMessage&QueueUrl="
                        + ELASTICMQ_URL + "&MessageBody=x", "SendMessage", List.of(LOCAL_ORDERS), Map.of()),
                query("queue URL without an account uses the call's account", "Action=PurgeQueue&QueueUrl="
                        + "http%3A%2F%2Flocalhost%3A9324%2Forders", "PurgeQueue", List.of(ORDERS), Map.of()),
                query("ReceiveMessage with limits", "Action=ReceiveMessage&QueueUrl=" + AWS_URL
                        + "&MaxNumberOfMessages=10&WaitTimeSeconds=20&VisibilityTimeout=30&AttributeName.1=All",
                        "ReceiveMessage", List.of(ORDERS), Map.of("MaxNumberOfMessages", "10",
                                "WaitTimeSeconds", "20", "VisibilityTimeout", "30")),
                query("FIFO queue with a group", "Action=SendMessage&QueueUrl=https%3A%2F%2Fsqs.eu-west-1."
                        + "amazonaws.com%2F" + ACCOUNT + "%2Fpayments-2024_v1.fifo&MessageBody=x&MessageGroupId=g+1",
                        "SendMessage", List.of(FIFO), Map.of("MessageGroupId", "g 1")),
                query("SendMessageBatch counts its entries", "Action=SendMessageBatch&QueueUrl=" + AWS_URL
                        + "&SendMessageBatchRequestEntry.1.Id=a&SendMessageBatchRequestEntry.1.MessageBody=x"
                        + "&SendMessageBatchRequestEntry.2.Id=b&SendMessageBatchRequestEntry.2.MessageBody=y"
                        + "&SendMessageBatchRequestEntry.3.Id=c&SendMessageBatchRequestEntry.3.MessageBody=z",
                        "SendMessageBatch", List.of(ORDERS), Map.of("ItemCount", "3")),
                query("DeleteMessageBatch", "Action=DeleteMessageBatch&QueueUrl=" + AWS_URL
                        + "&DeleteMessageBatchRequestEntry.1.Id=a&DeleteMessageBatchRequestEntry.1.ReceiptHandle=r",
                        "DeleteMessageBatch", List.of(ORDERS), Map.of("ItemCount", "1")),
                query("ChangeMessageVisibilityBatch", "Action=ChangeMessageVisibilityBatch&QueueUrl=" + AWS_URL
                        + "&ChangeMessageVisibilityBatchRequestEntry.1.Id=a"
                        + "&ChangeMessageVisibilityBatchRequestEntry.2.Id=b",
                        "ChangeMessageVisibilityBatch", List.of(ORDERS), Map.of("ItemCount", "2")),
                query("CreateQueue by name", "Action=CreateQueue&QueueName=orders&Attribute.1.Name=DelaySeconds"
                        + "&Attribute.1.Value=5", "CreateQueue", List.of(ORDERS), Map.of()),
                query("CreateQueue, FIFO", "Action=CreateQueue&QueueName=payments-2024_v1.fifo"
                        + "&Attribute.1.Name=FifoQueue&Attribute.1.Value=true", "CreateQueue", List.of(FIFO),
                        Map.of()),
                query("GetQueueUrl in another account", "Action=GetQueueUrl&QueueName=orders"
                        + "&QueueOwnerAWSAccountId=210987654321", "GetQueueUrl",
                        List.of(arn("210987654321", "orders")), Map.of()),
                query("ListQueues touches no queue", "Action=ListQueues&QueueNamePrefix=ord&MaxResults=5",
                        "ListQueues", List.of(), Map.of("QueueNamePrefix", "ord", "MaxResults", "5")),
                query("StartMessageMoveTask names both queues", "Action=StartMessageMoveTask&SourceArn="
                        + "arn%3Aaws%3Asqs%3Aeu-west-1%3A" + ACCOUNT + "%3Adlq&DestinationArn=arn%3Aaws%3Asqs%3A"
                        + "eu-west-1%3A" + ACCOUNT + "%3Aorders", "StartMessageMoveTask",
                        List.of(arn(ACCOUNT, "dlq"), ORDERS), Map.of()),
                query("CancelMessageMoveTask touches no named queue", "Action=CancelMessageMoveTask&TaskHandle=abc",
                        "CancelMessageMoveTask", List.of(), Map.of()));
    }

    static Stream<Case> jsonCalls() {
        String url = "'QueueUrl':'https://sqs.eu-west-1.amazonaws.com/" + ACCOUNT + "/orders'";
        return Stream.of(
                json("SendMessage", "SendMessage", "{" + url + ",'MessageBody':'hi','DelaySeconds':0}",
                        List.of(ORDERS), Map.of("DelaySeconds", "0")),
                json("ReceiveMessage", "ReceiveMessage", "{" + url + ",'MaxNumberOfMessages':10,"
                        + "'MessageAttributeNames':['All'],'WaitTimeSeconds':1}", List.of(ORDERS),
                        Map.of("MaxNumberOfMessages", "10", "WaitTimeSeconds", "1")),
                json("SendMessageBatch counts Entries", "SendMessageBatch", "{" + url + ",'Entries':["
                        + "{'Id':'a','MessageBody':'x'},{'Id':'b','MessageBody':'y'}]}", List.of(ORDERS),
                        Map.of("ItemCount", "2")),
                json("DeleteMessage on an ElasticMQ URL", "DeleteMessage",
                        "{'QueueUrl':'http://127.0.0.1:9324/000000000000/orders','ReceiptHandle':'r'}",
                        List.of(LOCAL_ORDERS), Map.of()),
                json("CreateQueue FIFO", "CreateQueue", "{'QueueName':'payments-2024_v1.fifo',"
                        + "'Attributes':{'FifoQueue':'true'}}", List.of(FIFO), Map.of()),
                json("GetQueueUrl", "GetQueueUrl", "{'QueueName':'orders'}", List.of(ORDERS), Map.of()),
                json("ListQueues", "ListQueues", "{}", List.of(), Map.of()),
                json("ListMessageMoveTasks", "ListMessageMoveTasks", "{'SourceArn':'arn:aws:sqs:eu-west-1:"
                        + ACCOUNT + ":dlq','MaxResults':10}", List.of(arn(ACCOUNT, "dlq")),
                        Map.of("MaxResults", "10")),
                json("TagQueue", "TagQueue", "{" + url + ",'Tags':{'team':'a'}}", List.of(ORDERS), Map.of()));
    }

    static Stream<Case> pathsAndTransports() {
        return Stream.of(
                new Case("query posted to the queue URL path (the CLI), QueueUrl agrees",
                        Calls.form("/000000000000/orders", "Action=DeleteMessage&QueueUrl=" + ELASTICMQ_URL
                                + "&ReceiptHandle=r%2Bs%3D&Version=2012-11-05"),
                        "DeleteMessage", List.of(LOCAL_ORDERS), Map.of()),
                new Case("query posted to the queue URL path without QueueUrl",
                        Calls.form("/" + ACCOUNT + "/orders", "Action=GetQueueAttributes&AttributeName.1=All"),
                        "GetQueueAttributes", List.of(ORDERS), Map.of()),
                new Case("GET with everything in the query string",
                        Calls.get("/", "Action=ListQueues&Version=2012-11-05"), "ListQueues", List.of(), Map.of()),
                new Case("Action in the query string, the rest in the body",
                        Calls.form("/", "Action=SendMessage", "QueueUrl=" + AWS_URL + "&MessageBody=x"),
                        "SendMessage", List.of(ORDERS), Map.of()),
                new Case("the same Action in query string and body",
                        Calls.form("/", "Action=ListQueues&Version=2012-11-05", "Action=ListQueues&Version=2012-11-05"),
                        "ListQueues", List.of(), Map.of()),
                new Case("unicode and escapes in a message body",
                        Calls.form("/", "Action=SendMessage&QueueUrl=" + AWS_URL
                                + "&MessageBody=%E2%82%AC+%25+%2B+%26"), "SendMessage", List.of(ORDERS), Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"queryCalls", "jsonCalls", "pathsAndTransports"})
    void decodes(Case c) throws DecodeException {
        AwsOperation operation = adapter.decode(c.request(), Calls.CONTEXT);

        assertThat(operation.service()).isEqualTo("sqs");
        assertThat(operation.region()).isEqualTo(Calls.REGION);
        assertThat(operation.action()).isEqualTo(c.action());
        assertThat(operation.resources()).containsExactlyElementsOf(c.resources());
        assertThat(operation.parameters()).isEqualTo(c.parameters());
    }

    @Test
    void choosesTheProtocolPerRequest() {
        assertThat(adapter.protocol(Calls.form("/", "Action=ListQueues"))).isEqualTo(Protocol.QUERY);
        assertThat(adapter.protocol(Calls.get("/", "Action=ListQueues"))).isEqualTo(Protocol.QUERY);
        assertThat(adapter.protocol(Calls.json("ListQueues", "{}"))).isEqualTo(Protocol.AWS_JSON_1_0);
        assertThat(adapter.protocol()).isEqualTo(Protocol.QUERY);
    }

    @Test
    void knowsEverySqsAction() {
        assertThat(SqsActions.count()).isEqualTo(23);
    }
}
