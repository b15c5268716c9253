package io.gatehouse.plugins.aws.dynamodb.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.api.adapter.DecodeContext;
import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.api.exchange.ResponseView;
import java.nio.charset.StandardCharsets;

/** Builds the requests, responses and ARNs the tests use. */
final class Calls {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";
    static final DecodeContext CONTEXT = new DecodeContext("dynamodb", REGION, ACCOUNT, "aws");
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Calls() {
    }

    /** @return {@code arn:aws:dynamodb:eu-west-1:123456789012:<resource>} */
    static String arn(String resource) {
        return CONTEXT.arn(resource);
    }

    /** A DynamoDB call of {@code action} with a UTF-8 body. */
    static RequestView request(String action, String body) {
        return request(Headers.builder().add("X-Amz-Target", "DynamoDB_20120810." + action).build(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    static RequestView request(Headers target, byte[] body) {
        Headers headers = target.toBuilder()
                .add("Content-Type", "application/x-amz-json-1.0")
                .add("Host", "127.0.0.1:7700")
                .build();
        return new RequestView("POST", "/", "", headers, Body.of(body));
    }

    /** A 200 JSON response. */
    static ResponseView response(String body) {
        return response(200, "application/x-amz-json-1.0", body);
    }

    static ResponseView response(int status, String contentType, String body) {
        return new ResponseView(status, Headers.builder().add("Content-Type", contentType).build(),
                Body.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** A JSON object with one string member; Jackson escapes the quotes of PartiQL statements. */
    static String jsonWith(String member, String value) {
        ObjectNode node = MAPPER.createObjectNode().put(member, value);
        return node.toString();
    }
}
