package io.gatehouse.plugins.aws.sqs.internal;

import java.util.Map;
import java.util.Set;

/**
 * The actions of the SQS API version 2012-11-05 (23 operations, as published in the AWS SDK service model), each
 * with the batch-entry list it carries. An action outside this list is refused rather than decoded without knowing
 * which queues it touches.
 */
final class SqsActions {

    /** The API version both protocols speak; the query protocol names it in {@code Version}. */
    static final String VERSION = "2012-11-05";
    /** The {@code X-Amz-Target} prefix of the JSON protocol, including the dot. */
    static final String TARGET_PREFIX = "AmazonSQS.";

    /** Actions whose queue is {@code QueueUrl}. */
    static final Set<String> BY_QUEUE_URL = Set.of(
            "SendMessage", "SendMessageBatch", "ReceiveMessage", "DeleteMessage", "DeleteMessageBatch",
            "ChangeMessageVisibility", "ChangeMessageVisibilityBatch", "PurgeQueue", "DeleteQueue",
            "GetQueueAttributes", "SetQueueAttributes", "AddPermission", "RemovePermission",
            "ListQueueTags", "TagQueue", "UntagQueue", "ListDeadLetterSourceQueues");
    /** Actions whose queue is {@code QueueName}. */
    static final Set<String> BY_QUEUE_NAME = Set.of("CreateQueue", "GetQueueUrl");
    /** Dead-letter redrive: queues named by ARN ({@code SourceArn}, {@code DestinationArn}). */
    static final Set<String> BY_ARN = Set.of("StartMessageMoveTask", "ListMessageMoveTasks");
    /** Actions that touch no named queue: policy decides them on the action alone. */
    static final Set<String> NO_QUEUE = Set.of("ListQueues", "CancelMessageMoveTask");

    /** Batch actions to the query-protocol prefix of their entries ({@code <prefix>.<n>.Id}). */
    static final Map<String, String> BATCH_ENTRY_PREFIX = Map.of(
            "SendMessageBatch", "SendMessageBatchRequestEntry.",
            "DeleteMessageBatch", "DeleteMessageBatchRequestEntry.",
            "ChangeMessageVisibilityBatch", "ChangeMessageVisibilityBatchRequestEntry.");

    private SqsActions() {
    }

    /**
     * @param action an action name, case-sensitive
     * @return whether SQS has that action
     */
    static boolean isKnown(String action) {
        return BY_QUEUE_URL.contains(action) || BY_QUEUE_NAME.contains(action) || BY_ARN.contains(action)
                || NO_QUEUE.contains(action);
    }

    /** @return the number of actions listed */
    static int count() {
        return BY_QUEUE_URL.size() + BY_QUEUE_NAME.size() + BY_ARN.size() + NO_QUEUE.size();
    }
}
