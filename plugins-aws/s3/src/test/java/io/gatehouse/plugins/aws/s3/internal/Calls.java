package io.gatehouse.plugins.aws.s3.internal;

import io.gatehouse.api.adapter.DecodeContext;
import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import java.nio.charset.StandardCharsets;

/** Builds the requests and ARNs the tests use. */
final class Calls {

    static final DecodeContext CONTEXT = new DecodeContext("s3", "eu-west-1", "123456789012", "aws");
    static final String GATEWAY = "127.0.0.1:7700";

    private Calls() {
    }

    static String arn(String bucketAndKey) {
        return "arn:aws:s3:::" + bucketAndKey;
    }

    /** A request to the gateway's own host (path style). */
    static RequestView path(String method, String rawPath, String rawQuery) {
        return request(method, GATEWAY, rawPath, rawQuery, Headers.empty(), "");
    }

    static RequestView request(String method, String host, String rawPath, String rawQuery, Headers extra,
                               String body) {
        Headers headers = extra.toBuilder().add("Host", host).build();
        return new RequestView(method, rawPath, rawQuery, headers, Body.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    static Headers header(String name, String value) {
        return Headers.builder().add(name, value).build();
    }

    /** A DeleteObjects body naming the keys (already XML-escaped). */
    static String deleteBody(String... keys) {
        StringBuilder body = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        for (String key : keys) {
            body.append("<Object><Key>").append(key).append("</Key></Object>");
        }
        return body.append("<Quiet>false</Quiet></Delete>").toString();
    }
}
