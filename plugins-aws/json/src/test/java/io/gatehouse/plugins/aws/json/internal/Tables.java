package io.gatehouse.plugins.aws.json.internal;

import io.gatehouse.api.adapter.DecodeContext;
import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The shipped tables as adapters, and the requests and contexts the tests use. */
final class Tables {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";
    static final String[] SHIPPED = {"secretsmanager", "ssm", "kms", "logs", "lambda"};

    private Tables() {
    }

    static DecodeContext context(String service) {
        return new DecodeContext(service, REGION, ACCOUNT, "aws");
    }

    /** @return {@code arn:aws:<service>:eu-west-1:123456789012:<resource>} */
    static String arn(String service, String resource) {
        return context(service).arn(resource);
    }

    static byte[] resource(String name) {
        try (InputStream in = Tables.class.getResourceAsStream("/services/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("no table services/" + name + ".json");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ServiceTable table(String name) {
        return new ServiceTableReader().read(resource(name), "services/" + name + ".json");
    }

    static TableAdapter adapter(String name) {
        return new TableAdapter(table(name), ServiceTableConfig.DEFAULT_MAX_NESTING_DEPTH);
    }

    /** A JSON 1.1 call; single quotes in {@code body} stand for double quotes. */
    static RequestView target(String target, String body) {
        Headers.Builder headers = Headers.builder().add("Content-Type", "application/x-amz-json-1.1")
                .add("Host", "127.0.0.1:7700");
        if (target != null) {
            headers.add("X-Amz-Target", target);
        }
        return new RequestView("POST", "/", "", headers.build(), body(body));
    }

    /** A REST-JSON call: {@code "GET /path?query"}; single quotes in {@code body} stand for double quotes. */
    static RequestView rest(String request, String body, Map<String, String> headers) {
        String[] parts = request.split(" ", 2);
        int question = parts[1].indexOf('?');
        String path = question < 0 ? parts[1] : parts[1].substring(0, question);
        String query = question < 0 ? "" : parts[1].substring(question + 1);
        Headers.Builder builder = Headers.builder().add("Host", "127.0.0.1:7700");
        headers.forEach(builder::add);
        return new RequestView(parts[0], path, query, builder.build(), body(body));
    }

    private static Body body(String singleQuoted) {
        return Body.of(singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }
}
