package io.gatehouse.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Just-in-time approval with the real AWS CLI at its default timeouts and retries: a rule makes deleting a
 * {@code Prod*} table wait for one reviewer of group {@code sre}. The requester (alice, group dev) signs in with the
 * development issuer through {@code credential_process}; the reviewers use {@code bin/gatehouse approvals}.
 * Gatehouse holds a call for 8 s ({@code approval.hold.seconds}) before answering ApprovalPending.
 */
class ApprovalIT {

    private static final String POLICY = GatehouseDistribution.ALLOW_ALL + """
              - id: prod-tables-need-sre
                effect: require-approval
                actions: ["dynamodb:DeleteTable"]
                resources: ["arn:aws:dynamodb:*:*:table/Prod*"]
                approval: { groups: [sre], approvals: 1, validity: 10m }
                description: Deleting a production table needs an SRE.
            """;
    private static final long HOLD_SECONDS = 8;
    private static final String DELETE_TABLE = "DynamoDB_20120810.DeleteTable";

    static final SecretScan SCAN = new SecretScan();
    static GatewayStack stack;
    static AwsCli alice;
    static Reviewer bob;

    @RegisterExtension
    static final DumpLogsOnFailure DUMP = new DumpLogsOnFailure(() -> stack);

    @BeforeAll
    static void start() {
        stack = GatewayStack.start("approval");
        stack.gatehouse.configure("io.gatehouse.identity.dev", Map.of("enabled", "true"));
        stack.gatehouse.configure("io.gatehouse.proxy", Map.of("approval.hold.seconds", Long.toString(HOLD_SECONDS)));
        stack.gatehouse.policy(POLICY);
        stack.awaitDynamoDb();
        bob = Reviewer.awaitSignIn(stack.gatehouse, stack.workDir, "bob", "sre");
        String process = GatehouseCredentials.commandLine(stack.gatehouse, "--dev", "--user", "alice", "--groups",
                "dev", "--cache-dir", stack.workDir.resolve("alice-cache").toString());
        alice = AwsCli.withConfig(stack.workDir, stack.gatehouse.endpoint(), GatewayStack.REGION,
                "[default]\nregion = " + GatewayStack.REGION + "\noutput = json\ncredential_process = " + process
                        + "\n");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static void createTable(String name) {
        AwsCli.Result created = stack.cli().run("dynamodb", "create-table", "--table-name", name,
                "--attribute-definitions", "AttributeName=id,AttributeType=S",
                "--key-schema", "AttributeName=id,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST");
        assertThat(created.ok()).as("%s", created).isTrue();
    }

    private static boolean tableExists(String name) {
        AwsCli.Result listed = stack.cli().run("dynamodb", "list-tables");
        assertThat(listed.ok()).as("%s", listed).isTrue();
        return listed.stdout().contains("\"" + name + "\"");
    }

    private static long upstreamDeletes() {
        return stack.upstream.requests().stream().filter(r -> DELETE_TABLE.equals(r.header("X-Amz-Target"))).count();
    }

    private static AwsCli.Result deleteAsAlice(String table) {
        AwsCli.Result result = alice.launch("dynamodb", "delete-table", "--table-name", table).await(90);
        SCAN.clientSaw(result);
        return result;
    }

    @Test
    void aHeldDeleteApprovedWhileWaitingRunsOnTheSameConnection() {
        createTable("ProdHeld");
        long before = upstreamDeletes();
        AwsCli.Launched held = alice.launch("dynamodb", "delete-table", "--table-name", "ProdHeld");

        String id = bob.awaitPending("ProdHeld", Duration.ofSeconds(HOLD_SECONDS));
        GatehouseCredentials.Result approved = bob.approve(id);
        AwsCli.Result result = held.await(60);

        assertThat(approved.exitCode()).as("%s", approved).isZero();
        assertThat(result.ok()).as("%s", result).isTrue();
        assertThat(result.stdout()).contains("ProdHeld");
        assertThat(upstreamDeletes() - before).isEqualTo(1);
        assertThat(tableExists("ProdHeld")).isFalse();
    }

    @Test
    void pendingThenApprovedThenTheSameCommandAgainDeletesExactlyOnce() {
        createTable("ProdOrders");
        long before = upstreamDeletes();

        AwsCli.Result first = deleteAsAlice("ProdOrders");
        assertThat(first.ok()).isFalse();
        assertThat(first.stderr()).contains("ApprovalPending");
        String id = bob.pending("ProdOrders").get(0).path("id").asText();
        assertThat(first.stderr()).contains(id);

        AwsCli.Result whilePending = deleteAsAlice("ProdOrders");
        assertThat(whilePending.stderr()).contains("ApprovalPending", id);
        assertThat(bob.pending("ProdOrders")).as("the same call joins the same approval").hasSize(1);
        assertThat(upstreamDeletes()).isEqualTo(before);

        assertThat(bob.approve(id).exitCode()).isZero();
        AwsCli.Result approved = deleteAsAlice("ProdOrders");
        assertThat(approved.ok()).as("%s", approved).isTrue();
        assertThat(tableExists("ProdOrders")).isFalse();
        assertThat(stack.gatehouse.logText()).as("the access log names the approval the call ran under")
                .contains("decision=APPROVE(prod-tables-need-sre approval=" + id + ") status=200");

        AwsCli.Result replay = deleteAsAlice("ProdOrders");
        assertThat(replay.ok()).isFalse();
        assertThat(replay.stderr()).contains("ApprovalPending").doesNotContain(id);
        assertThat(upstreamDeletes() - before).as("one execution per approval").isEqualTo(1);
    }

    @Test
    void anApprovalNeverCoversADifferentCall() {
        createTable("ProdBound");
        long before = upstreamDeletes();
        AwsCli.Result first = deleteAsAlice("ProdBound");
        String id = bob.pending("ProdBound").get(0).path("id").asText();
        assertThat(first.stderr()).contains(id);
        assertThat(bob.approve(id).exitCode()).isZero();

        AwsCli.Result otherRegion = alice.launch("dynamodb", "delete-table", "--table-name", "ProdBound",
                "--region", "eu-west-1").await(90);

        assertThat(otherRegion.ok()).isFalse();
        assertThat(otherRegion.stderr()).contains("ApprovalPending").doesNotContain(id);
        assertThat(upstreamDeletes()).isEqualTo(before);
        assertThat(tableExists("ProdBound")).isTrue();
    }

    @Test
    void nobodyApprovesTheirOwnCallAndOthersGroupsDoNotCount() {
        createTable("ProdSelf");
        AwsCli.Result first = deleteAsAlice("ProdSelf");
        assertThat(first.stderr()).contains("ApprovalPending");
        String id = bob.pending("ProdSelf").get(0).path("id").asText();

        GatehouseCredentials.Result self = Reviewer.awaitSignIn(stack.gatehouse, stack.workDir, "alice", "dev,sre")
                .approve(id);
        GatehouseCredentials.Result outsider = Reviewer.awaitSignIn(stack.gatehouse, stack.workDir, "carol", "dev")
                .approve(id);

        assertThat(self.exitCode()).as("%s", self).isNotZero();
        assertThat(outsider.exitCode()).as("%s", outsider).isNotZero();
        assertThat(bob.pending("ProdSelf")).hasSize(1);
        assertThat(deleteAsAlice("ProdSelf").stderr()).contains("ApprovalPending", id);
        assertThat(tableExists("ProdSelf")).isTrue();
    }

    @Test
    void aDeniedCallFailsWithTheReviewersReason() {
        createTable("ProdDenied");
        AwsCli.Launched held = alice.launch("dynamodb", "delete-table", "--table-name", "ProdDenied");

        String id = bob.awaitPending("ProdDenied", Duration.ofSeconds(HOLD_SECONDS));
        assertThat(bob.deny(id, "not during the freeze").exitCode()).isZero();
        AwsCli.Result result = held.await(60);

        assertThat(result.ok()).isFalse();
        assertThat(result.stderr()).contains("ApprovalDenied", "not during the freeze");
        assertThat(tableExists("ProdDenied")).isTrue();
    }

    @Test
    void aClientThatDisconnectsWhileHeldRunsNothingEvenWhenApprovedLater() {
        createTable("ProdGone");
        long before = upstreamDeletes();
        AwsCli.Launched held = alice.launch("dynamodb", "delete-table", "--table-name", "ProdGone");
        String id = bob.awaitPending("ProdGone", Duration.ofSeconds(HOLD_SECONDS));

        held.kill();
        assertThat(bob.approve(id).exitCode()).isZero();
        FreePort.sleep(Duration.ofSeconds(HOLD_SECONDS + 2));

        assertThat(upstreamDeletes()).isEqualTo(before);
        assertThat(tableExists("ProdGone")).isTrue();
    }

    @Test
    void aRestartWhileHeldRunsNothingAndTheApprovalSurvives() {
        createTable("ProdRestart");
        long before = upstreamDeletes();
        AwsCli.Launched held = alice.launch("dynamodb", "delete-table", "--table-name", "ProdRestart");
        String id = bob.awaitPending("ProdRestart", Duration.ofSeconds(HOLD_SECONDS));

        stack.gatehouse.close();
        stack.gatehouse.start();
        stack.awaitDynamoDb();
        AwsCli.Result interrupted = held.await(120);
        assertThat(interrupted.ok()).as("%s", interrupted).isFalse();
        assertThat(bob.find(id)).as("the pending approval survives the restart").isPresent();
        assertThat(bob.approve(id).exitCode()).isZero();
        FreePort.sleep(Duration.ofSeconds(2));
        assertThat(upstreamDeletes()).as("nothing runs by itself after a restart").isEqualTo(before);
        assertThat(tableExists("ProdRestart")).isTrue();

        AwsCli.Result again = deleteAsAlice("ProdRestart");
        assertThat(again.ok()).as("%s", again).isTrue();
        assertThat(upstreamDeletes() - before).isEqualTo(1);
    }
}
