package io.gatehouse.tests.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The {@link GatewayChain} most test classes run against: the AWS CLI with a client key, Gatehouse started from its
 * distribution, the {@link SigningUpstream} that checks Gatehouse's re-signing with the upstream key, and dynalite
 * behind it. Everything on 127.0.0.1, in one temporary folder.
 */
final class GatewayStack extends GatewayChain<Dynalite> {

    final Dynalite dynalite;

    private GatewayStack(GatewayChain<Dynalite> chain) {
        super(chain);
        this.dynalite = server;
    }

    /** Starts everything and waits until a DynamoDB call goes through Gatehouse. */
    static GatewayStack start(String testName) {
        return new GatewayStack(GatewayChain.start(new Spec<>(testName, Dynalite::start, Dynalite::endpoint,
                List.of("dynamodb"), gatehouse -> { }, chain -> listTables(chain).status() == 200)));
    }

    RawDynamoDbCall raw(String operation, String body) {
        return new RawDynamoDbCall(gatehouse.endpoint(), operation, body);
    }

    /** Waits for a working ListTables again (after the gateway's configuration changed). */
    void awaitDynamoDb() {
        awaitAnswer("ListTables", Duration.ofMillis(250), () -> listTables(this), answer -> answer.status() == 200);
    }

    private static RawDynamoDbCall.Response listTables(GatewayChain<?> chain) {
        return new RawDynamoDbCall(chain.gatehouse.endpoint(), "ListTables", "{}")
                .sendSigned(chain.clientKey, REGION, Instant.now());
    }
}
