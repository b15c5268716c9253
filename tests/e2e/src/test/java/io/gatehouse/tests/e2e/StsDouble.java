package io.gatehouse.tests.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
    private static final String NS = StsReplies.NS;
    private static final String ERROR_REQUEST_ID = "00000000-0000-0000-0000-000000000000";

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
            Map<String, String> form = StsReplies.decode(exchange.getRequestURI().getRawQuery());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            form.putAll(StsReplies.decode(body));
            calls.add(form);
            String action = form.getOrDefault("Action", "");
            switch (action) {
                case "GetCallerIdentity" -> StsReplies.send(exchange, 200, "<GetCallerIdentityResponse xmlns=\""
                        + NS + "\"><GetCallerIdentityResult><Arn>" + CALLER_ARN + "</Arn><UserId>" + CALLER_ID
                        + "</UserId>"
                        + "<Account>" + ACCOUNT + "</Account></GetCallerIdentityResult>" + metadata()
                        + "</GetCallerIdentityResponse>");
                case "AssumeRole" -> assumeRole(exchange, form);
                default -> StsReplies.error(exchange, ERROR_REQUEST_ID,
                        400, "InvalidAction", "Could not find operation " + action);
            }
        }
    }

    private void assumeRole(HttpExchange exchange, Map<String, String> form) throws IOException {
        String roleArn = form.getOrDefault("RoleArn", "");
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        String session = form.getOrDefault("RoleSessionName", "");
        if (roleName.startsWith("denied-")) {
            StsReplies.error(exchange, ERROR_REQUEST_ID,
                    403, "AccessDenied", "User: " + CALLER_ARN + " is not authorized to perform: "
                    + "sts:AssumeRole on resource: " + roleArn);
            return;
        }
        Instant expiration = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        StsReplies.send(exchange, 200, "<AssumeRoleResponse xmlns=\"" + NS + "\"><AssumeRoleResult>"
                + "<Credentials><AccessKeyId>" + accessKeyFor(session) + "</AccessKeyId>"
                + "<SecretAccessKey>double-secret-" + session + "</SecretAccessKey>"
                + "<SessionToken>double-token-" + session + "</SessionToken>"
                + "<Expiration>" + expiration + "</Expiration></Credentials>"
                + "<AssumedRoleUser><AssumedRoleId>AROAGATEHOUSE:" + session + "</AssumedRoleId>"
                + "<Arn>arn:aws:sts::" + ACCOUNT + ":assumed-role/" + roleName + "/" + session + "</Arn>"
                + "</AssumedRoleUser></AssumeRoleResult>" + metadata() + "</AssumeRoleResponse>");
    }

    private static String metadata() {
        return "<ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>";
    }
}
