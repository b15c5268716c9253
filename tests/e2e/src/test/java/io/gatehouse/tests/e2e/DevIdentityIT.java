package io.gatehouse.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The newcomer's path: the development issuer turned on in etc/, the real AWS CLI with
 * {@code credential_process = bin/gatehouse credentials --dev --user alice --groups dev}, through Gatehouse to dynalite.
 * Gateway-issued credentials expire, and then nothing reaches the upstream.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevIdentityIT {

    static final SecretScan SCAN = new SecretScan();

    static GatewayStack stack;

    @RegisterExtension
    static final DumpLogsOnFailure DUMP = new DumpLogsOnFailure(() -> stack);

    @BeforeAll
    static void start() {
        stack = GatewayStack.start("dev-identity");
        stack.gatehouse.configure("io.gatehouse.identity.dev", Map.of("enabled", "true"));
        awaitDevIssuer();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** FileInstall picks the new file up within a second or two. */
    private static void awaitDevIssuer() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        GatehouseCredentials.Result last = null;
        while (System.nanoTime() < deadline) {
            last = GatehouseCredentials.run(stack.gatehouse, stack.workDir, Map.of(), "--dev", "--user", "probe",
                    "--no-cache");
            if (last.exitCode() == 0) {
                return;
            }
            FreePort.sleep(Duration.ofMillis(500));
        }
        throw new AssertionError("the development issuer did not come up: " + last);
    }

    @Test
    void awsCliWithCredentialProcessWorksThroughGatehouse() {
        String process = GatehouseCredentials.commandLine(stack.gatehouse, "--dev", "--user", "alice", "--groups",
                "dev", "--cache-dir", stack.workDir.resolve("credential-cache").toString());
        AwsCli cli = AwsCli.withConfig(stack.workDir, stack.gatehouse.endpoint(), GatewayStack.REGION,
                "[default]\nregion = " + GatewayStack.REGION + "\noutput = json\nmax_attempts = 1\n"
                        + "credential_process = " + process + "\n");

        AwsCli.Result created = cli.run("dynamodb", "create-table", "--table-name", "DevOrders",
                "--attribute-definitions", "AttributeName=id,AttributeType=S",
                "--key-schema", "AttributeName=id,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST");
        SCAN.clientSaw(created);
        AwsCli.Result listed = cli.run("dynamodb", "list-tables");
        SCAN.clientSaw(listed);

        assertThat(created.ok()).as("%s", created).isTrue();
        assertThat(listed.ok()).as("%s", listed).isTrue();
        assertThat(listed.stdout()).contains("DevOrders");
        assertThat(stack.gatehouse.logText()).contains("caller=alice").contains("DEVELOPMENT ISSUER ENABLED");
    }

    @Test
    void issuedCredentialsAreGatewayOnlyAndNamedForTheSession() {
        JsonNode credentials = GatehouseCredentials.run(stack.gatehouse, stack.workDir, Map.of(), "--dev", "--user",
                "alice", "--no-cache").json();

        assertThat(credentials.path("Version").asInt()).isEqualTo(1);
        assertThat(credentials.path("AccessKeyId").asText()).matches("GHS[A-Z2-7]{17}");
        assertThat(credentials.path("SessionToken").asText()).isNotBlank();
        assertThat(credentials.toString()).doesNotContain(stack.upstreamKey.id()).doesNotContain(
                stack.upstreamKey.secret());
        assertThat(Instant.parse(credentials.path("Expiration").asText()))
                .isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3700));
    }

    @Test
    void expiredCredentialsAreRefusedWithoutReachingTheUpstream() {
        JsonNode credentials = GatehouseCredentials.run(stack.gatehouse, stack.workDir, Map.of(), "--dev", "--user",
                "alice", "--lifetime", "6", "--no-cache").json();
        AwsCli cli = AwsCli.withConfig(stack.workDir, stack.gatehouse.endpoint(), GatewayStack.REGION,
                GatehouseCredentials.staticProfile(credentials, GatewayStack.REGION));
        Instant expiration = Instant.parse(credentials.path("Expiration").asText());

        AwsCli.Result before = cli.run("dynamodb", "list-tables");
        SCAN.clientSaw(before);
        FreePort.sleep(Duration.between(Instant.now(), expiration).plusSeconds(1));
        int upstreamBefore = stack.upstream.count();
        AwsCli.Result after = cli.run("dynamodb", "list-tables");
        SCAN.clientSaw(after);

        assertThat(before.ok()).as("%s", before).isTrue();
        assertThat(after.ok()).isFalse();
        assertThat(after.stderr()).contains("ExpiredTokenException");
        assertThat(stack.upstream.count()).isEqualTo(upstreamBefore);
    }

    @Test
    void delegatedSessionsWorkAndRevokingTheRootStopsTheWholeChain() throws Exception {
        JsonNode root = GatehouseCredentials.run(stack.gatehouse, stack.workDir, Map.of(), "--dev", "--user",
                "alice", "--groups", "dev", "--no-cache").json();
        JsonNode agent = delegate(root, "agent-1", "action:dynamodb:* resource:*");
        JsonNode sub = delegate(agent, "sub-agent-1", "action:dynamodb:ListTables resource:*");
        AwsCli cli = AwsCli.withConfig(stack.workDir, stack.gatehouse.endpoint(), GatewayStack.REGION,
                GatehouseCredentials.staticProfile(sub, GatewayStack.REGION));
        JsonNode widened = delegateAnswer(agent, "sub-agent-2", "action:* resource:*");

        AwsCli.Result before = cli.run("dynamodb", "list-tables");
        SCAN.clientSaw(before);
        java.net.http.HttpResponse<String> revoked = revoke(root);
        int upstreamBefore = stack.upstream.count();
        AwsCli.Result after = cli.run("dynamodb", "list-tables");
        SCAN.clientSaw(after);

        assertThat(widened.path("error").asText()).isEqualTo("invalid_scope");
        assertThat(before.ok()).as("%s", before).isTrue();
        assertThat(stack.gatehouse.logText()).contains("caller=alice chain=[agent-1, sub-agent-1]");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(after.ok()).isFalse();
        assertThat(after.stderr()).contains("UnrecognizedClientException", "revoked");
        assertThat(stack.upstream.count()).isEqualTo(upstreamBefore);
    }

    @Test
    void aDelegatedSessionIsHeldToItsScopeOnEveryCall() throws Exception {
        JsonNode root = GatehouseCredentials.run(stack.gatehouse, stack.workDir, Map.of(), "--dev", "--user",
                "alice", "--groups", "dev", "--no-cache").json();
        JsonNode reader = delegate(root, "reader-agent", "action:dynamodb:ListTables action:dynamodb:DescribeTable "
                + "resource:*");
        AwsCli cli = AwsCli.withConfig(stack.workDir, stack.gatehouse.endpoint(), GatewayStack.REGION,
                GatehouseCredentials.staticProfile(reader, GatewayStack.REGION));
        int upstreamBefore = stack.upstream.count();

        AwsCli.Result listed = cli.run("dynamodb", "list-tables");
        int afterList = stack.upstream.count();
        AwsCli.Result created = cli.run("dynamodb", "create-table", "--table-name", "NotForAgents",
                "--attribute-definitions", "AttributeName=id,AttributeType=S", "--key-schema",
                "AttributeName=id,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST");
        SCAN.clientSaw(listed);
        SCAN.clientSaw(created);

        assertThat(listed.ok()).as("%s", listed).isTrue();
        assertThat(afterList).isEqualTo(upstreamBefore + 1);
        assertThat(created.ok()).isFalse();
        assertThat(created.stderr()).contains("AccessDeniedException", "outside the scope");
        assertThat(stack.upstream.count()).as("nothing outside the scope reaches upstream").isEqualTo(afterList);
    }

    @Test
    void theCommandLineDelegatesToASubAgentAndRevokesTheSubtree() {
        JsonNode root = GatehouseCredentials.run(stack.gatehouse, stack.workDir, Map.of(), "--dev", "--user",
                "bob", "--groups", "dev", "--no-cache").json();
        GatehouseCredentials.Result child = GatehouseCredentials.run(stack.gatehouse, stack.workDir,
                GatehouseCredentials.environmentOf(root), "--delegate", "--actor", "report-writer", "--scope",
                "action:dynamodb:ListTables resource:*", "--lifetime", "600", "--no-cache");
        GatehouseCredentials.Result wider = GatehouseCredentials.run(stack.gatehouse, stack.workDir,
                GatehouseCredentials.environmentOf(child.json()), "--delegate", "--actor", "greedy", "--scope",
                "action:dynamodb:* resource:*", "--no-cache");
        AwsCli cli = AwsCli.withConfig(stack.workDir, stack.gatehouse.endpoint(), GatewayStack.REGION,
                GatehouseCredentials.staticProfile(child.json(), GatewayStack.REGION));

        AwsCli.Result before = cli.run("dynamodb", "list-tables");
        SCAN.clientSaw(before);
        GatehouseCredentials.Result revoked = GatehouseCredentials.revoke(stack.gatehouse, stack.workDir,
                GatehouseCredentials.environmentOf(root));
        AwsCli.Result after = cli.run("dynamodb", "list-tables");
        SCAN.clientSaw(after);

        assertThat(child.exitCode()).as("%s", child).isZero();
        assertThat(wider.exitCode()).isEqualTo(1);
        assertThat(wider.stderr()).contains("invalid_scope", "wider");
        assertThat(before.ok()).as("%s", before).isTrue();
        assertThat(stack.gatehouse.logText()).contains("caller=bob chain=[report-writer]");
        assertThat(revoked.exitCode()).as("%s", revoked).isZero();
        assertThat(after.stderr()).contains("revoked");
        assertThat(stack.gatehouse.logText()).as("no issued secret or session token in the gateway log")
                .doesNotContain(root.path("SecretAccessKey").asText())
                .doesNotContain(child.json().path("SecretAccessKey").asText())
                .doesNotContain(root.path("SessionToken").asText())
                .doesNotContain(child.json().path("SessionToken").asText());
    }

    @Test
    void aParentRevokesOneDescendantAndKeepsWorking() {
        JsonNode root = GatehouseCredentials.run(stack.gatehouse, stack.workDir, Map.of(), "--dev", "--user",
                "carol", "--no-cache").json();
        JsonNode child = GatehouseCredentials.run(stack.gatehouse, stack.workDir,
                GatehouseCredentials.environmentOf(root), "--delegate", "--actor", "helper", "--no-cache").json();
        Map<String, String> rootWithTarget = new java.util.HashMap<>(GatehouseCredentials.environmentOf(root));
        rootWithTarget.put("CHILD_TOKEN", child.path("SessionToken").asText());
        Map<String, String> strangerWithTarget = new java.util.HashMap<>(GatehouseCredentials.environmentOf(
                GatehouseCredentials.run(stack.gatehouse, stack.workDir, Map.of(), "--dev", "--user", "eve",
                        "--no-cache").json()));
        strangerWithTarget.put("CHILD_TOKEN", child.path("SessionToken").asText());

        GatehouseCredentials.Result byStranger = GatehouseCredentials.revoke(stack.gatehouse, stack.workDir,
                strangerWithTarget, "--target-token-env", "CHILD_TOKEN");
        GatehouseCredentials.Result byParent = GatehouseCredentials.revoke(stack.gatehouse, stack.workDir,
                rootWithTarget, "--target-token-env", "CHILD_TOKEN");
        AwsCli.Result childCall = AwsCli.withConfig(stack.workDir, stack.gatehouse.endpoint(), GatewayStack.REGION,
                GatehouseCredentials.staticProfile(child, GatewayStack.REGION)).run("dynamodb", "list-tables");
        SCAN.clientSaw(childCall);
        AwsCli.Result rootCall = AwsCli.withConfig(stack.workDir, stack.gatehouse.endpoint(), GatewayStack.REGION,
                GatehouseCredentials.staticProfile(root, GatewayStack.REGION)).run("dynamodb", "list-tables");
        SCAN.clientSaw(rootCall);

        assertThat(byStranger.exitCode()).isEqualTo(1);
        assertThat(byStranger.stderr()).contains("not a descendant");
        assertThat(byParent.exitCode()).as("%s", byParent).isZero();
        assertThat(childCall.stderr()).contains("revoked");
        assertThat(rootCall.ok()).as("%s", rootCall).isTrue();
    }

    private static JsonNode delegate(JsonNode parent, String actor, String scope) throws Exception {
        JsonNode child = delegateAnswer(parent, actor, scope);
        assertThat(child.path("AccessKeyId").asText()).as("%s", child).startsWith("GHS");
        return child;
    }

    private static JsonNode delegateAnswer(JsonNode parent, String actor, String scope) throws Exception {
        String token = parent.path("SessionToken").asText();
        String form = "grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange")
                + "&subject_token_type=" + enc("urn:gatehouse:token-type:session") + "&subject_token=" + enc(token)
                + "&subject_token_proof=" + enc(proof(parent)) + "&actor=" + enc(actor) + "&scope=" + enc(scope);
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                        + stack.gatehouse.controlPort() + "/api/v1/credentials"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    }

    private static java.net.http.HttpResponse<String> revoke(JsonNode session) throws Exception {
        String token = session.path("SessionToken").asText();
        String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.util.Base64.getUrlDecoder()
                .decode(token.split("\\.")[1])).path("jti").asText();
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + stack.gatehouse.controlPort() + "/api/v1/sessions/" + id))
                .header("Authorization", "Bearer " + token).header("X-Gatehouse-Proof", proof(session))
                .DELETE().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static String proof(JsonNode session) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(session.path("SecretAccessKey").asText()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(
                session.path("SessionToken").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aForgedSessionTokenIsRefused() {
        JsonNode credentials = GatehouseCredentials.run(stack.gatehouse, stack.workDir, Map.of(), "--dev", "--user",
                "alice", "--no-cache").json();
        JsonNode other = GatehouseCredentials.run(stack.gatehouse, stack.workDir, Map.of(), "--dev", "--user",
                "mallory", "--no-cache").json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) credentials).put("SessionToken",
                other.path("SessionToken").asText());
        AwsCli cli = AwsCli.withConfig(stack.workDir, stack.gatehouse.endpoint(), GatewayStack.REGION,
                GatehouseCredentials.staticProfile(credentials, GatewayStack.REGION));

        AwsCli.Result result = cli.run("dynamodb", "list-tables");
        SCAN.clientSaw(result);

        assertThat(result.ok()).isFalse();
        assertThat(result.stderr()).contains("InvalidClientTokenId");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void noUpstreamCredentialReachedAClientOrTheLog() {
        assertThat(SCAN.responses()).isGreaterThan(1);
        SCAN.assertClean(stack);
    }
}
