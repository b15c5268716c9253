package io.gatehouse.tests.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;

/**
 * A small STS (there is no STS emulator): answers GetCallerIdentity and AssumeRole in the query protocol's XML as
 * AWS does, denies roles whose name starts with {@code denied-} with AWS's 403 {@code AccessDenied}, and records
 * the parameters of every call. It runs behind {@link SigningUpstream}, which checks the signatures.
 */
final class StsDouble implements AutoCloseable {

    static final String ACCOUNT = "123456789012";
    static final String CALLER_ARN = "arn:aws:iam::" + ACCOUNT + ":user/gatehouse-upstream";
    static final String CALLER_ID = "AIDAGATEHOUSEUPSTREAM";
    private static final String NS = "https://sts.amazonaws.com/doc/2011-06-15/";

    private final List<Map<String, String>> calls = new CopyOnWriteArrayList<>();
    private final LoopbackHttpServer server;

    private StsDouble() {
        this.server = LoopbackHttpServer.start("the STS double", this::handle);
    }

    static StsDouble start() {
        return new StsDouble();
    }

    URI endpoint() {
        return server.endpoint();
    }

    /** The decoded parameters of every call received, in order. */
    List<Map<String, String>> calls() {
        return List.copyOf(calls);
    }

    /** The credentials AssumeRole hands out for a session name: fixed, so a test can expect them. */
    static String accessKeyFor(String session) {
        return "ASIA" + Integer.toHexString(session.hashCode()).toUpperCase(java.util.Locale.ROOT) + "GATEHOUSE";
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = decode(exchange.getRequestURI().getRawQuery());
            form.putAll(decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            calls.add(form);
            String action = form.getOrDefault("Action", "");
            switch (action) {
                case "GetCallerIdentity" -> send(exchange, 200, "<GetCallerIdentityResponse xmlns=\"" + NS + "\">"
                        + "<GetCallerIdentityResult><Arn>" + CALLER_ARN + "</Arn><UserId>" + CALLER_ID + "</UserId>"
                        + "<Account>" + ACCOUNT + "</Account></GetCallerIdentityResult>" + metadata()
                        + "</GetCallerIdentityResponse>");
                case "AssumeRole" -> assumeRole(exchange, form);
                default -> error(exchange, 400, "InvalidAction", "Could not find operation " + action);
            }
        }
    }

    private void assumeRole(HttpExchange exchange, Map<String, String> form) throws IOException {
        String roleArn = form.getOrDefault("RoleArn", "");
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        String session = form.getOrDefault("RoleSessionName", "");
        if (roleName.startsWith("denied-")) {
            error(exchange, 403, "AccessDenied", "User: " + CALLER_ARN + " is not authorized to perform: "
                    + "sts:AssumeRole on resource: " + roleArn);
            return;
        }
        Instant expiration = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        send(exchange, 200, "<AssumeRoleResponse xmlns=\"" + NS + "\"><AssumeRoleResult>"
                + "<Credentials><AccessKeyId>" + accessKeyFor(session) + "</AccessKeyId>"
                + "<SecretAccessKey>double-secret-" + session + "</SecretAccessKey>"
                + "<SessionToken>double-token-" + session + "</SessionToken>"
                + "<Expiration>" + expiration + "</Expiration></Credentials>"
                + "<AssumedRoleUser><AssumedRoleId>AROAGATEHOUSE:" + session + "</AssumedRoleId>"
                + "<Arn>arn:aws:sts::" + ACCOUNT + ":assumed-role/" + roleName + "/" + session + "</Arn>"
                + "</AssumedRoleUser></AssumeRoleResult>" + metadata() + "</AssumeRoleResponse>");
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        send(exchange, status, "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>" + code
                + "</Code><Message>" + message + "</Message></Error><RequestId>"
                + "00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>");
    }

    private static String metadata() {
        return "<ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>";
    }

    private static void send(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> decode(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            values.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }
}
