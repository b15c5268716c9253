package io.gatehouse.proxy.internal.pipeline;

import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Decision;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.api.policy.ApprovalRequirement;
import io.gatehouse.api.policy.PolicyDecision;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Values shared by the decide and hold stage tests. */
final class PolicyFixtures {

    static final Identity ALICE = new Identity("alice", Set.of("dev"), List.of(), "gs-1", "AKIDALICE", "",
            Instant.parse("2030-01-01T00:00:00Z"));
    static final AwsOperation DELETE_TABLE = new AwsOperation("dynamodb", "DeleteTable", "eu-west-1",
            List.of("arn:aws:dynamodb:eu-west-1:000000000000:table/prod"), Map.of());

    private PolicyFixtures() {
    }

    static PolicyDecision allow() {
        return new PolicyDecision(new Decision(Decision.Outcome.ALLOW, "r-allow", "allowed", "v1"), Optional.empty());
    }

    static PolicyDecision deny() {
        return new PolicyDecision(new Decision(Decision.Outcome.DENY, "r-deny", "agents never delete", "v1"),
                Optional.empty());
    }

    static PolicyDecision approve() {
        return new PolicyDecision(new Decision(Decision.Outcome.APPROVE, "r-approve", "prod needs a second pair of eyes",
                "v1"), Optional.of(new ApprovalRequirement(Set.of("sre"), 1, Duration.ofMinutes(15))));
    }

    static RequestView deleteTableRequest(String date, String invocation, String body) {
        return new RequestView("POST", "/", "", Headers.builder()
                .add("Host", "127.0.0.1:7700")
                .add("X-Amz-Target", "DynamoDB_20120810.DeleteTable")
                .add("Content-Type", "application/x-amz-json-1.0")
                .add("X-Amz-Date", date)
                .add("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDALICE/" + date.substring(0, 8)
                        + "/eu-west-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + invocation)
                .add("amz-sdk-invocation-id", invocation)
                .add("amz-sdk-request", "attempt=1; max=3")
                .add("User-Agent", "aws-cli/2.9 " + invocation)
                .build(), Body.of(body.getBytes(StandardCharsets.UTF_8)));
    }
}
