package io.gatehouse.plugins.aws.kinesis.internal;

import java.util.Set;

/**
 * The actions of the Kinesis Data Streams API version 2013-12-02 ({@code X-Amz-Target: Kinesis_20131202.<Action>}),
 * as published in the AWS SDK service model. An action outside this list is refused rather than decoded without
 * knowing which resources it touches.
 */
final class KinesisActions {

    /** The {@code X-Amz-Target} prefix of the Kinesis API, including the dot. */
    static final String TARGET_PREFIX = "Kinesis_20131202.";

    /** Actions on one stream, named by {@code StreamName} and/or {@code StreamARN}. */
    static final Set<String> STREAM = Set.of(
            "AddTagsToStream", "CreateStream", "DecreaseStreamRetentionPeriod", "DeleteStream", "DescribeStream",
            "DescribeStreamSummary", "DisableEnhancedMonitoring", "EnableEnhancedMonitoring", "GetShardIterator",
            "IncreaseStreamRetentionPeriod", "ListShards", "ListTagsForStream", "MergeShards", "PutRecord",
            "PutRecords", "RemoveTagsFromStream", "SplitShard", "StartStreamEncryption", "StopStreamEncryption",
            "UpdateShardCount", "UpdateStreamMode", "UpdateStreamWarmThroughput", "UpdateMaxRecordSize");

    /** Actions on one consumer, named by {@code ConsumerARN} or by {@code StreamARN} plus {@code ConsumerName}. */
    static final Set<String> CONSUMER = Set.of("DescribeStreamConsumer", "DeregisterStreamConsumer");

    /** Actions on the resource (stream or consumer) named by {@code ResourceARN}. */
    static final Set<String> RESOURCE_ARN = Set.of("GetResourcePolicy", "PutResourcePolicy", "DeleteResourcePolicy",
            "TagResource", "UntagResource", "ListTagsForResource");

    /** Account-level actions: they name no resource. */
    static final Set<String> ACCOUNT = Set.of("ListStreams", "DescribeLimits", "DescribeAccountSettings",
            "UpdateAccountSettings");

    /**
     * The rest, each with its own resource rule: GetRecords (an opaque shard iterator, optionally its StreamARN),
     * RegisterStreamConsumer (stream and new consumer), ListStreamConsumers (StreamARN), SubscribeToShard
     * (ConsumerARN; its answer is an HTTP/2 event stream).
     */
    static final Set<String> OTHER = Set.of("GetRecords", "RegisterStreamConsumer", "ListStreamConsumers",
            "SubscribeToShard");

    private KinesisActions() {
    }

    /** @return whether {@code action} is an action of the Kinesis API, spelled exactly */
    static boolean isKnown(String action) {
        return STREAM.contains(action) || CONSUMER.contains(action) || RESOURCE_ARN.contains(action)
                || ACCOUNT.contains(action) || OTHER.contains(action);
    }
}
