package io.gatehouse.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Just-in-time grants with the real CLI: alice (group dev) has no rule of her own; she asks for a 20-second grant of
 * {@code dynamodb:ListTables} with {@code bin/gatehouse grants request}, bob (group sre) approves it, her
 * {@code aws dynamodb list-tables} works inside the window and is denied after it, without a restart. A revoked grant
 * ends at once.
 */
class GrantIT {

    private static final String POLICY = """
            rules:
              - id: e2e-client-anything
                effect: allow
                principals: { subjects: [e2e-client] }
                actions: ["*"]
                resources: ["*"]
            """;
    private static final Duration GRANT = Duration.ofSeconds(20);

    static GatewayStack stack;
    static AwsCli aliceCli;
    static Reviewer alice;
    static Reviewer bob;

    @RegisterExtension
    static final DumpLogsOnFailure DUMP = new DumpLogsOnFailure(() -> stack);

    @BeforeAll
    static void start() {
        stack = GatewayStack.start("grant");
        stack.gatehouse.configure("io.gatehouse.identity.dev", Map.of("enabled", "true"));
        stack.gatehouse.configure("io.gatehouse.approval", Map.of("grant.approver.groups", "sre"));
        stack.gatehouse.policy(POLICY);
        stack.awaitDynamoDb();
        alice = Reviewer.awaitSignIn(stack.gatehouse, stack.workDir, "alice", "dev");
        bob = Reviewer.awaitSignIn(stack.gatehouse, stack.workDir, "bob", "sre");
        String process = GatehouseCredentials.commandLine(stack.gatehouse, "--dev", "--user", "alice", "--groups",
                "dev", "--cache-dir", stack.workDir.resolve("alice-cache").toString());
        aliceCli = AwsCli.withConfig(stack.workDir, stack.gatehouse.endpoint(), GatewayStack.REGION,
                "[default]\nregion = " + GatewayStack.REGION + "\noutput = json\nmax_attempts = 1\n"
                        + "credential_process = " + process + "\n");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static String requestGrant(String reason) {
        GatehouseCredentials.Result requested = alice.command("grants", "request", "--action", "dynamodb:ListTables",
                "--resource", "*", "--duration", "PT" + GRANT.toSeconds() + "S", "--reason", reason, "--json");
        assertThat(requested.exitCode()).as("%s", requested).isZero();
        return requested.json().path("id").asText();
    }

    @Test
    void aGrantAllowsInsideItsWindowOnlyWithoutARestart() {
        AwsCli.Result before = aliceCli.run("dynamodb", "list-tables");
        assertThat(before.ok()).isFalse();
        assertThat(before.stderr()).contains("AccessDenied");

        String id = requestGrant("incident 42: which tables exist?");
        assertThat(aliceCli.run("dynamodb", "list-tables").ok()).as("a requested grant allows nothing yet").isFalse();
        assertThat(alice.approve(id).exitCode()).as("the grantee cannot approve its own grant").isNotZero();
        GatehouseCredentials.Result approved = bob.approve(id);
        long approvedAt = System.nanoTime();
        assertThat(approved.exitCode()).as("%s", approved).isZero();

        AwsCli.Result inside = aliceCli.run("dynamodb", "list-tables");
        assertThat(inside.ok()).as("%s", inside).isTrue();
        assertThat(inside.stdout()).contains("TableNames");

        Duration rest = GRANT.plusSeconds(2).minusNanos(System.nanoTime() - approvedAt);
        if (!rest.isNegative()) {
            FreePort.sleep(rest);
        }
        AwsCli.Result after = aliceCli.run("dynamodb", "list-tables");
        assertThat(after.ok()).as("%s", after).isFalse();
        assertThat(after.stderr()).contains("AccessDenied");
        assertThat(stack.gatehouse.isRunning()).isTrue();
    }

    @Test
    void aRevokedGrantEndsAtOnce() {
        String id = requestGrant("a quick look");
        assertThat(bob.approve(id).exitCode()).isZero();
        assertThat(aliceCli.run("dynamodb", "list-tables").ok()).isTrue();

        GatehouseCredentials.Result revoked = alice.command("grants", "revoke", id);

        assertThat(revoked.exitCode()).as("%s", revoked).isZero();
        AwsCli.Result after = aliceCli.run("dynamodb", "list-tables");
        assertThat(after.ok()).isFalse();
        assertThat(after.stderr()).contains("AccessDenied");
    }
}
