package io.gatehouse.plugins.aws.sqs.internal;

import io.gatehouse.plugins.aws.support.text.Printable;
import io.gatehouse.api.adapter.DecodeContext;
import io.gatehouse.api.adapter.DecodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The queues an SQS call touches, as {@code arn:<partition>:sqs:<region>:<account>:<queue>}. A queue comes from
 * {@code QueueUrl} (its path: {@code /<account>/<name>} or {@code /<name>}), from the request path (query-protocol
 * clients post to the queue URL), from {@code QueueName} or from a queue ARN. When the request path and
 * {@code QueueUrl} both name a queue they must name the same one. Names follow SQS's own rule, so a name can never
 * smuggle {@code /}, {@code *} or {@code :} into an ARN.
 */
final class QueueResources {

    /** 1 to 80 characters of [A-Za-z0-9_-]; a FIFO queue's name ends in {@code .fifo}, within the 80. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\\.fifo");
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    private static final Pattern URL = Pattern.compile("(?i)https?://([^/?#@\\s]+)(/[^?#\\s]*)");
    /** Hosts of AWS's own SQS endpoints, which name the queue's region. */
    private static final Pattern AWS_HOST = Pattern.compile(
            "(?i)(?:sqs\\.([a-z0-9-]+)|([a-z0-9-]+)\\.queue)\\.amazonaws\\.com(?:\\.cn)?(?::[0-9]+)?");
    private static final Pattern QUEUE_ARN =
            Pattern.compile("arn:([a-z][a-z0-9-]{0,62}):sqs:([a-z0-9-]{1,64}):([0-9]{12}):(.+)");

    private final DecodeContext context;

    QueueResources(DecodeContext context) {
        this.context = context;
    }

    /** A queue: its account and name. */
    record Queue(String account, String name) {
    }

    /**
     * @param call the decoded call
     * @param rawPath the request path as sent
     * @return the ARNs of the queues the call touches, in request order, without duplicates
     */
    List<String> of(SqsCall call, String rawPath) throws DecodeException {
        Queue byPath = fromPath(rawPath);
        String action = call.action();
        if (byPath != null && !SqsActions.BY_QUEUE_URL.contains(action)) {
            throw invalid("The request path '" + Printable.of(rawPath) + "' names a queue, but " + action
                    + " is not a call on one queue; send it to '/'");
        }
        List<String> arns = new ArrayList<>();
        if (SqsActions.BY_QUEUE_URL.contains(action)) {
            arns.add(arn(queueUrl(call, byPath)));
        } else if (SqsActions.BY_QUEUE_NAME.contains(action)) {
            arns.add(arn(new Queue(owner(call), name(required(call, "QueueName"), "QueueName"))));
        } else if (SqsActions.BY_ARN.contains(action)) {
            arns.add(queueArn(required(call, "SourceArn"), "SourceArn"));
            String destination = call.value("DestinationArn");
            if (destination != null && !arns.contains(queueArn(destination, "DestinationArn"))) {
                arns.add(destination);
            }
        }
        return arns;
    }

    private Queue queueUrl(SqsCall call, Queue byPath) throws DecodeException {
        String url = call.value("QueueUrl");
        if (url == null) {
            if (byPath == null) {
                throw invalid("QueueUrl is required for " + call.action());
            }
            return byPath;
        }
        Matcher matcher = URL.matcher(url);
        if (!matcher.matches()) {
            throw invalid("QueueUrl '" + Printable.of(url) + "' is not an http(s) URL with a queue path");
        }
        Matcher aws = AWS_HOST.matcher(matcher.group(1));
        if (aws.matches()) {
            String region = aws.group(1) != null ? aws.group(1) : aws.group(2);
            if (!region.equals(context.region())) {
                throw invalid("QueueUrl '" + Printable.of(url) + "' names a queue in region " + region
                        + ", but the call is signed for " + context.region());
            }
        }
        Queue queue = fromPath(matcher.group(2));
        if (queue == null) {
            throw invalid("QueueUrl '" + Printable.of(url) + "' names no queue");
        }
        if (byPath != null && !byPath.equals(queue)) {
            throw invalid("The request path names queue " + byPath.account() + "/" + byPath.name()
                    + " but QueueUrl names " + queue.account() + "/" + queue.name() + "; they must agree");
        }
        return queue;
    }

    /** {@code /} names no queue; {@code /<account>/<name>} and {@code /<name>} do; anything else is refused. */
    private Queue fromPath(String path) throws DecodeException {
        if (path.isEmpty() || path.equals("/")) {
            return null;
        }
        if (path.indexOf('%') >= 0) {
            throw invalid("Queue path '" + Printable.of(path) + "' is percent-encoded; queue names need no escaping");
        }
        String[] segments = path.substring(1).split("/", -1);
        if (!path.startsWith("/") || segments.length > 2) {
            throw invalid("Path '" + Printable.of(path) + "' is not a queue path (/<account>/<queue name>)");
        }
        if (segments.length == 1) {
            return new Queue(context.accountId(), name(segments[0], "The queue path"));
        }
        if (!ACCOUNT.matcher(segments[0]).matches()) {
            throw invalid("Path '" + Printable.of(path) + "' does not start with a 12-digit account id");
        }
        return new Queue(segments[0], name(segments[1], "The queue path"));
    }

    private String owner(SqsCall call) throws DecodeException {
        String owner = call.value("QueueOwnerAWSAccountId");
        if (owner == null || !call.action().equals("GetQueueUrl")) {
            return context.accountId();
        }
        if (!ACCOUNT.matcher(owner).matches()) {
            throw invalid("QueueOwnerAWSAccountId '" + Printable.of(owner) + "' is not a 12-digit account id");
        }
        return owner;
    }

    private String queueArn(String arn, String where) throws DecodeException {
        Matcher matcher = QUEUE_ARN.matcher(arn);
        if (!matcher.matches()) {
            throw invalid(where + " '" + Printable.of(arn) + "' is not a queue ARN (arn:partition:sqs:region:"
                    + "account:queue)");
        }
        name(matcher.group(4), where);
        return arn;
    }

    private String arn(Queue queue) {
        return "arn:" + context.partition() + ":" + context.service() + ":" + context.region() + ":"
                + queue.account() + ":" + queue.name();
    }

    private static String name(String name, String where) throws DecodeException {
        if (!NAME.matcher(name).matches()) {
            throw invalid(where + " '" + Printable.of(name) + "' is not a valid queue name: 1 to 80 characters of "
                    + "A-Z, a-z, 0-9, '-' and '_', a FIFO queue's ending in .fifo");
        }
        return name;
    }

    private static String required(SqsCall call, String name) throws DecodeException {
        String value = call.value(name);
        if (value == null) {
            throw invalid(name + " is required for " + call.action());
        }
        return value;
    }

    private static DecodeException invalid(String message) {
        return new DecodeException(DecodeException.VALIDATION, message);
    }
}
