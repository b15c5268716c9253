package io.gatehouse.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The newcomer's path: the development issuer turned on in etc/, the real AWS CLI with
 * {@code credential_process = bin/gatehouse credentials --dev --user alice --groups dev}, through Gatehouse to dynalite.
 * Gateway-issued credentials expire, and then nothing reaches the upstream.
 */
class DevIdentityIT {

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
        AwsCli.Result listed = cli.run("dynamodb", "list-tables");

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
        FreePort.sleep(Duration.between(Instant.now(), expiration).plusSeconds(1));
        int upstreamBefore = stack.upstream.count();
        AwsCli.Result after = cli.run("dynamodb", "list-tables");

        assertThat(before.ok()).as("%s", before).isTrue();
        assertThat(after.ok()).isFalse();
        assertThat(after.stderr()).contains("ExpiredTokenException");
        assertThat(stack.upstream.count()).isEqualTo(upstreamBefore);
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

        assertThat(result.ok()).isFalse();
        assertThat(result.stderr()).contains("InvalidClientTokenId");
    }
}
