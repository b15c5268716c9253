package io.gatehouse.plugins.aws.sqs.internal;

import io.gatehouse.api.adapter.DecodeContext;
import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import java.nio.charset.StandardCharsets;

/** Builds the requests and ARNs the tests use. */
final class Calls {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";
    static final DecodeContext CONTEXT = new DecodeContext("sqs", REGION, ACCOUNT, "aws");
    static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

    private Calls() {
    }

    /** @return {@code arn:aws:sqs:eu-west-1:<account>:<queue>} */
    static String arn(String account, String queue) {
        return "arn:aws:sqs:" + REGION + ":" + account + ":" + queue;
    }

    /** A query-protocol POST of a form body (already encoded) to {@code path}. */
    static RequestView form(String path, String body) {
        return new RequestView("POST", path, "", Headers.builder().add("Content-Type", FORM)
                .add("Host", "127.0.0.1:7700").build(), Body.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** A query-protocol POST with a query string too. */
    static RequestView form(String path, String query, String body) {
        return new RequestView("POST", path, query, Headers.builder().add("Content-Type", FORM).build(),
                Body.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** A query-protocol GET. */
    static RequestView get(String path, String query) {
        return new RequestView("GET", path, query, Headers.empty(), Body.empty());
    }

    /** A JSON-protocol call; single quotes in the body stand for double quotes. */
    static RequestView json(String action, String singleQuotedBody) {
        return json(Headers.builder().add("X-Amz-Target", "AmazonSQS." + action).build(), "/", "",
                singleQuotedBody);
    }

    static RequestView json(Headers extra, String path, String query, String singleQuotedBody) {
        Headers headers = extra.toBuilder().add("Content-Type", "application/x-amz-json-1.0").build();
        return new RequestView("POST", path, query, headers,
                Body.of(singleQuotedBody.replace('\'', '"').getBytes(StandardCharsets.UTF_8)));
    }
}
