package io.gatehouse.plugins.aws.sqs.internal;

import io.gatehouse.plugins.aws.support.form.FormDecoder;
import static io.gatehouse.api.adapter.DecodeException.SERIALIZATION;
import static io.gatehouse.api.adapter.DecodeException.UNKNOWN_OPERATION;
import static io.gatehouse.api.adapter.DecodeException.VALIDATION;
import static io.gatehouse.plugins.aws.support.form.FormDecoder.MALFORMED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Requests the adapter must refuse, each with the error code the caller sees and a hint of the message. */
class SqsAdapterRefusalTest {

    private static final String URL = "QueueUrl=https%3A%2F%2Fsqs.eu-west-1.amazonaws.com%2F123456789012%2Forders";
    private static final String JSON_URL = "'QueueUrl':'https://sqs.eu-west-1.amazonaws.com/123456789012/orders'";

    private final SqsAdapter adapter = new SqsAdapter();

    record Refusal(String name, RequestView request, String code, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Refusal form(String name, String body, String code, String message) {
        return new Refusal(name, Calls.form("/", body), code, message);
    }

    static Stream<Refusal> actions() {
        Headers twoTargets = Headers.builder().add("X-Amz-Target", "AmazonSQS.ListQueues")
                .add("X-Amz-Target", "AmazonSQS.DeleteQueue").build();
        Headers target = Headers.builder().add("X-Amz-Target", "AmazonSQS.ListQueues").build();
        return Stream.of(
                form("unknown action", "Action=DropAllQueues", UNKNOWN_OPERATION, "Unknown SQS action 'DropAllQueues'"),
                form("action in the wrong case", "Action=sendmessage&" + URL, UNKNOWN_OPERATION, "'sendmessage'"),
                form("no action", URL, UNKNOWN_OPERATION, "names no action"),
                new Refusal("different actions in query string and body",
                        Calls.form("/", "Action=ListQueues", "Action=DeleteQueue&" + URL), UNKNOWN_OPERATION,
                        "names two actions"),
                new Refusal("X-Amz-Target and Action= in the query string",
                        Calls.json(target, "/", "Action=DeleteQueue", "{}"), UNKNOWN_OPERATION, "action twice"),
                new Refusal("X-Amz-Target with a form body", new RequestView("POST", "/", "", target.toBuilder()
                        .add("Content-Type", Calls.FORM).build(), Body.of("Action=DeleteQueue".getBytes(
                        StandardCharsets.UTF_8))), UNKNOWN_OPERATION, "two protocols"),
                new Refusal("two X-Amz-Target headers", Calls.json(twoTargets, "/", "", "{}"), UNKNOWN_OPERATION,
                        "2 X-Amz-Target headers"),
                new Refusal("JSON content type without a target", Calls.json(Headers.empty(), "/", "", "{}"),
                        UNKNOWN_OPERATION, "needs X-Amz-Target"),
                new Refusal("another service's target", Calls.json(Headers.builder().add("X-Amz-Target",
                        "DynamoDB_20120810.ListTables").build(), "/", "", "{}"), UNKNOWN_OPERATION,
                        "is not an SQS action"),
                new Refusal("unknown JSON action", Calls.json("Explode", "{}"), UNKNOWN_OPERATION,
                        "Unknown SQS action 'Explode'"),
                form("another API version", "Action=ListQueues&Version=2008-01-01", VALIDATION, "2012-11-05"));
    }

    static Stream<Refusal> malformed() {
        return Stream.of(
                form("QueueUrl twice", "Action=SendMessage&" + URL + "&" + URL + "&MessageBody=x", MALFORMED,
                        "names parameter 'QueueUrl' twice"),
                form("QueueUrl and queueurl", "Action=PurgeQueue&" + URL + "&queueurl=http%3A%2F%2Fh%2F123456789012%2Fb",
                        MALFORMED, "differ only in case"),
                new Refusal("queueurl alone beside a queue path", Calls.form("/123456789012/orders",
                        "Action=PurgeQueue&queueurl=http%3A%2F%2Fh%2F123456789012%2Fb"), VALIDATION,
                        "must be spelled 'QueueUrl'"),
                form("action in lower case", "action=DeleteQueue&" + URL, VALIDATION, "must be spelled 'Action'"),
                form("batch entries in another case", "Action=SendMessageBatch&" + URL
                        + "&sendmessagebatchrequestentry.1.Id=a", VALIDATION, "must be spelled"),
                new Refusal("JSON QueueUrl and queueUrl", Calls.json("PurgeQueue", "{" + JSON_URL + ","
                        + JSON_URL.replace("QueueUrl", "queueUrl") + "}"), SERIALIZATION, "differ only in case"),
                new Refusal("JSON entries in lower case", Calls.json("SendMessageBatch", "{" + JSON_URL
                        + ",'entries':[]}"), VALIDATION, "must be spelled 'Entries'"),
                form("Action twice in the body", "Action=ListQueues&Action=ListQueues", MALFORMED, "twice"),
                new Refusal("QueueUrl in query string and body", Calls.form("/", URL, "Action=PurgeQueue&" + URL),
                        MALFORMED, "both the query string and the form body"),
                form("truncated escape", "Action=SendMessage&" + URL + "&MessageBody=%4", MALFORMED,
                        "not followed by two hex digits"),
                form("escape with a non-hex digit", "Action=SendMessage&" + URL + "&MessageBody=%zz", MALFORMED,
                        "not followed by two hex digits"),
                form("escape that is not UTF-8", "Action=SendMessage&" + URL + "&MessageBody=%C3%28", MALFORMED,
                        "not valid UTF-8"),
                form("raw space", "Action=SendMessage&" + URL + "&MessageBody=a b", MALFORMED, "must be percent-encoded"),
                form("raw non-ASCII", "Action=SendMessage&" + URL + "&MessageBody=\u20ac", MALFORMED,
                        "must be percent-encoded"),
                form("stray ampersand", "Action=ListQueues&&Version=2012-11-05", MALFORMED, "empty parameter"),
                form("pair without '='", "Action=ListQueues&Version", MALFORMED, "without '='"),
                form("pair without a name", "Action=ListQueues&=x", MALFORMED, "without a name"),
                new Refusal("form body with another content type", new RequestView("POST", "/", "",
                        Headers.builder().add("Content-Type", "text/plain").build(),
                        Body.of("Action=ListQueues".getBytes(StandardCharsets.UTF_8))), MALFORMED, "text/plain"),
                new Refusal("form body in Latin-1", new RequestView("POST", "/", "",
                        Headers.builder().add("Content-Type", "application/x-www-form-urlencoded; charset=ISO-8859-1")
                                .build(), Body.of("Action=ListQueues".getBytes(StandardCharsets.UTF_8))), MALFORMED,
                        "in UTF-8"),
                new Refusal("GET with a body", new RequestView("GET", "/", "Action=ListQueues",
                        Headers.builder().add("Content-Type", Calls.FORM).build(),
                        Body.of("Action=ListQueues".getBytes(StandardCharsets.UTF_8))), MALFORMED, "must not have a body"),
                new Refusal("JSON duplicate QueueUrl", Calls.json("SendMessage", "{" + JSON_URL + "," + JSON_URL
                        .replace("orders", "secrets") + "}"), SERIALIZATION, "Duplicate"),
                new Refusal("JSON trailing document", Calls.json("ListQueues", "{}{}"), SERIALIZATION, "not valid JSON"),
                new Refusal("JSON array body", Calls.json("ListQueues", "[]"), SERIALIZATION, "must be a JSON object"),
                new Refusal("JSON QueueUrl not a string", Calls.json("PurgeQueue", "{'QueueUrl':42}"), SERIALIZATION,
                        "QueueUrl must be a string"),
                new Refusal("JSON MaxNumberOfMessages as a string", Calls.json("ReceiveMessage", "{" + JSON_URL
                        + ",'MaxNumberOfMessages':'10'}"), SERIALIZATION, "must be an integer"),
                new Refusal("JSON Entries not an array", Calls.json("SendMessageBatch", "{" + JSON_URL
                        + ",'Entries':{}}"), SERIALIZATION, "Entries must be a JSON array"),
                new Refusal("JSON with a query string", Calls.json(Headers.builder().add("X-Amz-Target",
                        "AmazonSQS.ListQueues").build(), "/", "QueueNamePrefix=a", "{}"), SERIALIZATION,
                        "not in a query string"));
    }

    static Stream<Refusal> queues() {
        return Stream.of(
                form("no QueueUrl", "Action=SendMessage&MessageBody=x", VALIDATION, "QueueUrl is required"),
                form("queue name with a slash", "Action=PurgeQueue&QueueUrl=https%3A%2F%2Fsqs.eu-west-1.amazonaws.com"
                        + "%2F123456789012%2Fa%2Fb", VALIDATION, "not a queue path"),
                form("queue name with a star", "Action=PurgeQueue&QueueUrl=http%3A%2F%2Fh%2F123456789012%2Fq*",
                        VALIDATION, "not a valid queue name"),
                form("queue name too long", "Action=CreateQueue&QueueName=" + "q".repeat(81), VALIDATION,
                        "not a valid queue name"),
                form("FIFO name too long", "Action=CreateQueue&QueueName=" + "q".repeat(76) + ".fifo", VALIDATION,
                        "not a valid queue name"),
                form("dot that is not .fifo", "Action=CreateQueue&QueueName=a.b", VALIDATION, "not a valid queue name"),
                form("percent-encoded queue path", "Action=PurgeQueue&QueueUrl=http%3A%2F%2Fh%2F123456789012%2F%2561",
                        VALIDATION, "percent-encoded"),
                form("account that is not 12 digits", "Action=PurgeQueue&QueueUrl=http%3A%2F%2Fh%2F1234%2Fq",
                        VALIDATION, "12-digit account"),
                form("QueueUrl that is not a URL", "Action=PurgeQueue&QueueUrl=orders", VALIDATION,
                        "not an http(s) URL"),
                form("QueueUrl with a query", "Action=PurgeQueue&QueueUrl=http%3A%2F%2Fh%2Fq%3Fx%3D1", VALIDATION,
                        "not an http(s) URL"),
                form("QueueUrl without a queue", "Action=PurgeQueue&QueueUrl=http%3A%2F%2Fh%2F", VALIDATION,
                        "names no queue"),
                form("QueueUrl in another region", "Action=PurgeQueue&QueueUrl=https%3A%2F%2Fsqs.us-east-1.amazonaws.com"
                        + "%2F123456789012%2Forders", VALIDATION, "region us-east-1"),
                new Refusal("path and QueueUrl name different queues", Calls.form("/123456789012/public",
                        "Action=PurgeQueue&" + URL), VALIDATION, "they must agree"),
                new Refusal("path names a queue for CreateQueue", Calls.form("/123456789012/public",
                        "Action=CreateQueue&QueueName=orders"), VALIDATION, "is not a call on one queue"),
                form("GetQueueUrl with a bad owner", "Action=GetQueueUrl&QueueName=q&QueueOwnerAWSAccountId=*",
                        VALIDATION, "12-digit account"),
                form("SourceArn that is not a queue ARN", "Action=ListMessageMoveTasks&SourceArn=arn%3Aaws%3As3%3A%3A%3Ab",
                        VALIDATION, "not a queue ARN"),
                form("batch entry without a number", "Action=SendMessageBatch&" + URL
                        + "&SendMessageBatchRequestEntry.x.Id=a", VALIDATION, "with n from 1"),
                form("batch entry number 0", "Action=DeleteMessageBatch&" + URL
                        + "&DeleteMessageBatchRequestEntry.0.Id=a", VALIDATION, "with n from 1"),
                form("MaxNumberOfMessages not an integer", "Action=ReceiveMessage&" + URL + "&MaxNumberOfMessages=1e1",
                        VALIDATION, "must be an integer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"actions", "malformed", "queues"})
    void refuses(Refusal r) {
        DecodeException e = catchThrowableOfType(DecodeException.class,
                () -> adapter.decode(r.request(), Calls.CONTEXT));

        assertThat(e).as("refused").isNotNull();
        assertThat(e.errorCode()).isEqualTo(r.code());
        assertThat(e.getMessage()).contains(r.message());
    }
}
