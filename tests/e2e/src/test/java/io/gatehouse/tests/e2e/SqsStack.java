package io.gatehouse.tests.e2e;

import java.util.List;

/**
 * The {@link GatewayChain} the SQS tests run against: the client, Gatehouse started from its distribution with an
 * endpoint file for {@code sqs}, the {@link SigningUpstream} that checks the re-signing, and ElasticMQ behind it.
 * Everything on 127.0.0.1, in one temporary folder.
 */
final class SqsStack extends GatewayChain<ElasticMq> {

    final ElasticMq elasticMq;

    private SqsStack(GatewayChain<ElasticMq> chain) {
        super(chain);
        this.elasticMq = server;
    }

    /** Starts everything and waits until an SQS call (ListQueues) goes through Gatehouse. */
    static SqsStack start(String testName) {
        return new SqsStack(GatewayChain.start(new Spec<>(testName, ElasticMq::start, ElasticMq::endpoint,
                List.of("sqs"), gatehouse -> { }, chain -> query(chain, "/", "",
                        "Action=ListQueues&Version=2012-11-05").status() == 200)));
    }

    /** A query-protocol call through Gatehouse, signed with the client key. */
    RawDynamoDbCall.Response query(String path, String queryString, String form) {
        return query(this, path, queryString, form);
    }

    private static RawDynamoDbCall.Response query(GatewayChain<?> chain, String path, String queryString,
                                                  String form) {
        return new RawQueryCall(chain.gatehouse.endpoint(), "sqs", path, queryString, form)
                .sendSigned(chain.clientKey, REGION);
    }
}
