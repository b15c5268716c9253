package io.gatehouse.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production credential broker end to end: Gatehouse from its distribution with
 * {@code etc/io.gatehouse.credentials.sts.cfg} (roles by group and a default, {@code sts.endpoint} =
 * {@link AssumeRoleStsDouble}, base keys only that double accepts) <em>and</em> the static broker's file of every
 * chain, which the STS broker outranks. The real CLI signs in through the development issuer
 * ({@code credential_process = bin/gatehouse credentials --dev --user alice --groups dev}); {@link SigningUpstream} in
 * front of dynalite verifies every re-signed call with the temporary credentials the STS double issued, and refuses
 * the static upstream key. The AssumeRole parameters the double recorded show the session policy of exactly the
 * call, the caller as SourceIdentity, the delegation chain as tags, the shortest duration, the configured role and
 * the per-scope cache; an STS refusal is an AWS-shaped error with nothing upstream; no secret leaks.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StsBrokerIT {

    private static final String REGION = GatewayChain.REGION;
    private static final String ACCOUNT = "123456789012";
    private static final String DEV_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/gatehouse-e2e-dev";
    private static final String DENIED_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/denied-e2e";
    private static final String DEFAULT_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/gatehouse-e2e-default";
    private static final String RULE = "e2e-allow-all";
    private static final AccessKey BASE = AccessKey.random("AKIASTSBASE");
    private static final String ORDERS_KEY = "{\"id\":{\"S\":\"order-1\"}}";
    private static final Set<String> VOLATILE = Set.of("CreationDateTime", "TableId", "LastIncreaseDateTime",
            "LastDecreaseDateTime", "LastUpdateToPayPerRequestDateTime");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The CLI session of alice: name, arguments, the IAM action and resource its session policy must name. */
    private record Step(String name, List<String> args, String action, String resource) {
    }

    private static final List<Step> SESSION = List.of(
            step("create-table Orders", "dynamodb:CreateTable", table("Orders"), "dynamodb", "create-table",
                    "--table-name", "Orders", "--attribute-definitions", "AttributeName=id,AttributeType=S",
                    "--key-schema", "AttributeName=id,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST"),
            step("create-table Invoices", "dynamodb:CreateTable", table("Invoices"), "dynamodb", "create-table",
                    "--table-name", "Invoices", "--attribute-definitions", "AttributeName=id,AttributeType=S",
                    "--key-schema", "AttributeName=id,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST"),
            step("put-item Orders", "dynamodb:PutItem", table("Orders"), "dynamodb", "put-item", "--table-name",
                    "Orders", "--item", "{\"id\":{\"S\":\"order-1\"},\"total\":{\"N\":\"12.50\"},"
                            + "\"city\":{\"S\":\"Zürich\"}}"),
            step("put-item Invoices", "dynamodb:PutItem", table("Invoices"), "dynamodb", "put-item", "--table-name",
                    "Invoices", "--item", "{\"id\":{\"S\":\"order-1\"},\"due\":{\"S\":\"2026-12-01\"}}"),
            step("get-item Orders", "dynamodb:GetItem", table("Orders"), "dynamodb", "get-item", "--table-name",
                    "Orders", "--key", ORDERS_KEY, "--consistent-read"),
            step("list-tables", "dynamodb:ListTables", "*", "dynamodb", "list-tables"));

    @TempDir
    static Path directDir;
    static AssumeRoleStsDouble sts;
    static GatewayChain<Dynalite> chain;
    static Dynalite direct;
    static AwsCli directCli;
    static AwsCli alice;
    /** Everything the clients printed, for the final scan. */
    static final ClientOutput SCAN = new ClientOutput();
    /** The AssumeRole calls each step of {@link #SESSION} made. */
    static final Map<String, List<AssumeRoleStsDouble.Call>> ASSUMED = new LinkedHashMap<>();

    @RegisterExtension
    static final TestWatcher DUMP = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (chain == null) {
                return;
            }
            System.out.println("=== " + context.getDisplayName() + " failed; Gatehouse output:\n"
                    + chain.gatehouse.logText());
            System.out.println("=== upstream saw:");
            chain.upstream.requests().forEach(System.out::println);
            System.out.println("=== STS saw:");
            sts.calls().forEach(System.out::println);
        }
    };

    @BeforeAll
    static void start() {
        sts = AssumeRoleStsDouble.start(BASE);
        chain = GatewayChain.start(new GatewayChain.Spec<>("sts-broker", Dynalite::start, Dynalite::endpoint,
                List.of("dynamodb"), gatehouse -> gatehouse
                        .configure("io.gatehouse.proxy", Map.of("account.id", ACCOUNT))
                        .configure("io.gatehouse.identity.dev", Map.of("enabled", "true"))
                        .configure("io.gatehouse.credentials.sts", Map.of(
                                "role.default", DEFAULT_ROLE,
                                "role.by.group", "denied=" + DENIED_ROLE + ", dev=" + DEV_ROLE,
                                "sts.region", REGION,
                                "sts.endpoint", sts.endpoint().toString(),
                                "base.access.key.id", BASE.id(),
                                "base.secret.access.key", BASE.secret())),
                started -> {
                    // from the first call on, the double accepts only what STS issued (not the static key)
                    started.upstream.verifyWith(sts::issuedKey);
                    AwsCli.Result probe = AwsCli.create(started.workDir, started.gatehouse.endpoint(),
                            started.clientKey, REGION).run("dynamodb", "list-tables");
                    SCAN.clientSaw(probe);
                    return probe.ok();
                }));
        direct = Dynalite.start(directDir);
        directCli = AwsCli.create(directDir, direct.endpoint(), AccessKey.random("AKIADIRECT"), REGION);
        alice = devCli("alice", "dev");
    }

    @AfterAll
    static void stop() {
        if (direct != null) {
            direct.close();
        }
        if (chain != null) {
            chain.close();
        }
        if (sts != null) {
            sts.close();
        }
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> cliCallsThroughTheStsBrokerEqualDirectCalls() {
        return SESSION.stream().map(step -> DynamicTest.dynamicTest(step.name(), () -> {
            int stsBefore = sts.count();
            int upstreamBefore = chain.upstream.count();
            AwsCli.Result gateway = alice.run(step.args().toArray(String[]::new));
            SCAN.clientSaw(gateway);
            AwsCli.Result expected = directCli.run(step.args().toArray(String[]::new));
            ASSUMED.put(step.name(), sts.calls().subList(stsBefore, sts.count()));

            assertThat(gateway.ok()).as("through Gatehouse: %s", gateway).isTrue();
            assertThat(expected.ok()).as("direct: %s", expected).isTrue();
            assertThat(normalised(gateway.stdout())).as("answer through Gatehouse vs direct")
                    .isEqualTo(normalised(expected.stdout()));
            assertThat(chain.upstream.count() - upstreamBefore).as("upstream calls").isEqualTo(1);
            assertThat(ASSUMED.get(step.name())).as("one AssumeRole for a call of a new scope").hasSize(1);
        }));
    }

    @Test
    @Order(2)
    void getItemOnOrdersAssumedTheDevRoleWithAPolicyOfExactlyThatCall() throws JsonProcessingException {
        AssumeRoleStsDouble.Call call = assumedBy("get-item Orders");

        assertThat(call.verdict().verified()).as("%s", call).isTrue();
        assertThat(call.verdict().accessKeyId()).isEqualTo(BASE.id());
        assertThat(call.authorization()).contains("/" + REGION + "/sts/aws4_request");
        assertThat(call.get("Action")).isEqualTo("AssumeRole");
        assertPolicy(call, "dynamodb:GetItem", "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/Orders");
        assertThat(call.get("RoleArn")).isEqualTo(DEV_ROLE);
        assertThat(call.get("SourceIdentity")).isEqualTo("alice");
        assertThat(call.get("DurationSeconds")).isEqualTo("900");
        assertThat(call.get("RoleSessionName")).matches("gatehouse-[\\w+=,.@-]{1,54}");
        assertThat(call.tags()).containsEntry("gatehouse:subject", "alice").containsEntry("gatehouse:actor", "alice")
                .containsEntry("gatehouse:depth", "0").containsEntry("gatehouse:rule", RULE)
                .containsKey("gatehouse:session")
                .allSatisfy((key, value) -> assertThat(key).doesNotStartWith("gatehouse:chain:"));
        assertThat(call.tags().get("gatehouse:session")).isNotBlank();
        assertThat(call.transitiveTagKeys()).containsExactlyInAnyOrder("gatehouse:subject", "gatehouse:depth");
    }

    @Test
    @Order(3)
    void everyCallOfTheSessionHadItsOwnExactPolicyInOneGatehouseSession() throws JsonProcessingException {
        Set<String> sessions = new HashSet<>();
        for (Step step : SESSION) {
            AssumeRoleStsDouble.Call call = assumedBy(step.name());
            assertPolicy(call, step.action(), step.resource());
            assertThat(call.get("RoleArn")).as(step.name()).isEqualTo(DEV_ROLE);
            assertThat(call.get("SourceIdentity")).as(step.name()).isEqualTo("alice");
            sessions.add(call.tags().get("gatehouse:session"));
        }
        assertThat(sessions).as("the credential_process cache kept one Gatehouse session").hasSize(1);
    }

    @Test
    @Order(4)
    void repeatingACallReusesItsCredentialsAndAnotherTableAssumesAgain() throws JsonProcessingException {
        String firstKey = issuedBy(assumedBy("get-item Orders")).key().id();
        int stsBefore = sts.count();
        int upstreamBefore = chain.upstream.count();

        AwsCli.Result again = alice.run("dynamodb", "get-item", "--table-name", "Orders", "--key", ORDERS_KEY,
                "--consistent-read");
        SCAN.clientSaw(again);
        int stsAfterRepeat = sts.count();
        AwsCli.Result invoices = alice.run("dynamodb", "get-item", "--table-name", "Invoices", "--key", ORDERS_KEY,
                "--consistent-read");
        SCAN.clientSaw(invoices);
        AwsCli.Result invoicesDirect = directCli.run("dynamodb", "get-item", "--table-name", "Invoices", "--key",
                ORDERS_KEY, "--consistent-read");
        List<SigningUpstream.SeenRequest> seen = chain.upstream.requests().subList(upstreamBefore,
                chain.upstream.count());

        assertThat(again.ok()).as("%s", again).isTrue();
        assertThat(invoices.ok()).as("%s", invoices).isTrue();
        assertThat(normalised(invoices.stdout())).isEqualTo(normalised(invoicesDirect.stdout()));
        assertThat(stsAfterRepeat).as("the same call again: no new AssumeRole").isEqualTo(stsBefore);
        assertThat(sts.count()).as("the same action on another table: one new AssumeRole").isEqualTo(stsBefore + 1);
        AssumeRoleStsDouble.Call other = sts.calls().get(stsBefore);
        assertPolicy(other, "dynamodb:GetItem", table("Invoices"));
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).accessKeyId()).as("the repeated GetItem used the cached credentials")
                .isEqualTo(firstKey);
        assertThat(seen.get(1).accessKeyId()).as("GetItem on Invoices used the new credentials")
                .isEqualTo(issuedBy(other).key().id()).isNotEqualTo(firstKey);
    }

    @Test
    @Order(5)
    void aDelegatedAgentsCallCarriesTheChainInItsTags() throws JsonProcessingException {
        GatehouseCredentials.Result root = GatehouseCredentials.run(chain.gatehouse, chain.workDir, Map.of(), "--dev",
                "--user", "alice", "--groups", "dev", "--no-cache");
        GatehouseCredentials.Result agent = GatehouseCredentials.run(chain.gatehouse, chain.workDir,
                GatehouseCredentials.environmentOf(root.json()), "--delegate", "--actor", "report-agent", "--scope",
                "action:dynamodb:GetItem resource:*", "--no-cache");
        assertThat(agent.exitCode()).as("%s", agent).isZero();
        AwsCli agentCli = AwsCli.withConfig(chain.workDir, chain.gatehouse.endpoint(), REGION,
                GatehouseCredentials.staticProfile(agent.json(), REGION));
        int stsBefore = sts.count();

        AwsCli.Result got = agentCli.run("dynamodb", "get-item", "--table-name", "Orders", "--key", ORDERS_KEY,
                "--consistent-read");
        SCAN.clientSaw(got);
        AwsCli.Result expected = directCli.run("dynamodb", "get-item", "--table-name", "Orders", "--key", ORDERS_KEY,
                "--consistent-read");

        assertThat(got.ok()).as("%s", got).isTrue();
        assertThat(normalised(got.stdout())).isEqualTo(normalised(expected.stdout()));
        assertThat(sts.count()).as("another Gatehouse session is another scope").isEqualTo(stsBefore + 1);
        AssumeRoleStsDouble.Call call = sts.calls().get(stsBefore);
        assertPolicy(call, "dynamodb:GetItem", table("Orders"));
        assertThat(call.get("SourceIdentity")).as("the human at the root, never the agent").isEqualTo("alice");
        assertThat(call.get("RoleArn")).isEqualTo(DEV_ROLE);
        assertThat(call.tags()).containsEntry("gatehouse:subject", "alice")
                .containsEntry("gatehouse:actor", "report-agent").containsEntry("gatehouse:depth", "1")
                .containsEntry("gatehouse:chain:1", "report-agent").doesNotContainKey("gatehouse:chain:2");
        assertThat(call.tags().get("gatehouse:session"))
                .isNotEqualTo(assumedBy("get-item Orders").tags().get("gatehouse:session"));
        assertThat(call.transitiveTagKeys()).containsExactlyInAnyOrder("gatehouse:subject", "gatehouse:depth",
                "gatehouse:chain:1");
    }

    @Test
    @Order(6)
    void aCallerOfNoMappedGroupGetsTheDefaultRole() {
        List<AssumeRoleStsDouble.Call> probes = sts.calls().stream()
                .filter(call -> "e2e-client".equals(call.get("SourceIdentity"))).toList();

        assertThat(probes).as("the readiness probe with the static client key (group e2e)").isNotEmpty()
                .allSatisfy(call -> {
                    assertThat(call.get("RoleArn")).isEqualTo(DEFAULT_ROLE);
                    assertThat(call.tags()).containsEntry("gatehouse:subject", "e2e-client");
                });
    }

    @Test
    @Order(7)
    void anStsRefusalIsAnAwsShapedErrorAndNothingReachesUpstream() {
        // dev is listed after denied in role.by.group: configuration order wins over the caller's order
        AwsCli mallory = devCli("mallory", "dev,denied");
        int stsBefore = sts.count();
        int upstreamBefore = chain.upstream.count();

        AwsCli.Result refused = mallory.run("dynamodb", "get-item", "--table-name", "Orders", "--key", ORDERS_KEY);
        SCAN.clientSaw(refused);
        int stsAfterFirst = sts.count();
        AwsCli.Result again = mallory.run("dynamodb", "get-item", "--table-name", "Orders", "--key", ORDERS_KEY,
                "--debug");
        SCAN.clientSaw(again);

        assertThat(refused.ok()).as("%s", refused).isFalse();
        assertThat(refused.stderr()).contains("(ServiceUnavailable) when calling the GetItem operation",
                "Upstream credentials are unavailable", "AssumeRole of " + DENIED_ROLE + " (chosen by group denied)",
                "AccessDenied, HTTP 403", "trust policy");
        assertThat(refused.stderr()).as("STS's own message text is not passed on")
                .doesNotContain(AssumeRoleStsDouble.DENIED_MESSAGE).doesNotContain(AssumeRoleStsDouble.CALLER_ARN);
        assertThat(again.ok()).isFalse();
        assertThat(again.stderr()).as("an AWS-shaped 503").containsPattern("\"POST / HTTP/1\\.1\" 503")
                .containsIgnoringCase("x-amzn-ErrorType': 'ServiceUnavailable")
                .contains("AccessDenied, HTTP 403");
        assertThat(chain.upstream.count()).as("nothing reached upstream").isEqualTo(upstreamBefore);
        assertThat(stsAfterFirst).isEqualTo(stsBefore + 1);
        assertThat(sts.count()).as("a failed AssumeRole is not remembered").isEqualTo(stsBefore + 2);
        assertThat(sts.calls().subList(stsBefore, sts.count())).allSatisfy(call -> {
            assertThat(call.verdict().verified()).isTrue();
            assertThat(call.get("RoleArn")).isEqualTo(DENIED_ROLE);
            assertThat(call.get("SourceIdentity")).isEqualTo("mallory");
        });
        assertThat(chain.gatehouse.logText()).contains("Upstream credentials unavailable: AssumeRole of "
                + DENIED_ROLE);
    }

    @Test
    @Order(8)
    void upstreamSawOnlyStsIssuedCredentialsWithTheirSessionTokens() {
        GatehouseCredentials.Result aliceSession = GatehouseCredentials.run(chain.gatehouse, chain.workDir, Map.of(),
                "--dev", "--user", "alice", "--groups", "dev", "--cache-dir", cacheDir("alice").toString());
        JsonNode gatewayCredentials = aliceSession.json();
        List<SigningUpstream.SeenRequest> seen = chain.upstream.requests();

        assertThat(seen).hasSizeGreaterThanOrEqualTo(SESSION.size() + 3);
        assertThat(seen).allSatisfy(request -> {
            assertThat(request.verified()).as("%s", request).isTrue();
            AssumeRoleStsDouble.Issued issued = sts.issued(request.accessKeyId());
            assertThat(issued).as("%s signed with credentials STS issued", request).isNotNull();
            assertThat(request.header("X-Amz-Security-Token")).as("the STS session token")
                    .isEqualTo(issued.sessionToken());
            assertThat(request.header("Authorization")).as("the token is covered by the verified signature")
                    .containsPattern("SignedHeaders=[^,]*x-amz-security-token");
            assertThat(request.allHeaderText())
                    .doesNotContain(chain.upstreamKey.id()).doesNotContain(chain.upstreamKey.secret())
                    .doesNotContain(chain.clientKey.id()).doesNotContain(chain.clientKey.secret())
                    .doesNotContain(BASE.id()).doesNotContain(BASE.secret())
                    .doesNotContain(issued.key().secret())
                    .doesNotContain(gatewayCredentials.path("AccessKeyId").asText())
                    .doesNotContain(gatewayCredentials.path("SecretAccessKey").asText())
                    .doesNotContain(gatewayCredentials.path("SessionToken").asText());
        });
        assertThat(gatewayCredentials.path("AccessKeyId").asText()).startsWith("GHS");
    }

    @Test
    @Order(9)
    void everyStsCallWasAnAssumeRoleSignedWithTheBaseKey() {
        assertThat(sts.calls()).allSatisfy(call -> {
            assertThat(call.verdict().verified()).as("%s", call).isTrue();
            assertThat(call.verdict().accessKeyId()).isEqualTo(BASE.id());
            assertThat(call.get("Action")).isEqualTo("AssumeRole");
            assertThat(call.get("Version")).isEqualTo("2011-06-15");
            assertThat(call.get("DurationSeconds")).isEqualTo("900");
        });
        assertThat(sts.allIssued()).hasSize((int) sts.calls().stream()
                .filter(call -> !call.get("RoleArn").equals(DENIED_ROLE)).count());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void noBaseOrIssuedSecretReachedAClientOrTheLog() {
        Map<String, String> forbidden = new LinkedHashMap<>();
        forbidden.put("STS base secret", BASE.secret());
        forbidden.put("static upstream secret", chain.upstreamKey.secret());
        forbidden.put("static upstream key id", chain.upstreamKey.id());
        forbidden.put("client secret", chain.clientKey.secret());
        for (AssumeRoleStsDouble.Issued issued : sts.allIssued()) {
            forbidden.put("issued secret of " + issued.key().id(), issued.key().secret());
            forbidden.put("session token of " + issued.key().id(), issued.sessionToken());
        }

        String log = chain.gatehouse.logText();
        String printed = SCAN.text();

        assertThat(SCAN.runs()).isGreaterThan(10);
        assertThat(sts.allIssued()).hasSizeGreaterThan(SESSION.size());
        assertThat(log).as("the Gatehouse log: nothing to scan").contains("STS credential broker active");
        forbidden.forEach((what, value) -> {
            assertThat(value).as("%s to scan for", what).isNotBlank();
            assertThat(printed).as("%s in what %d CLI runs printed", what, SCAN.runs()).doesNotContain(value);
            assertThat(log).as("%s in the Gatehouse log", what).doesNotContain(value);
        });
        // key ids are not secret (the broker logs the base key id when it starts) but no client is told them
        assertThat(printed).as("the STS base key id in what the CLI printed").doesNotContain(BASE.id());
        sts.allIssued().forEach(issued -> assertThat(printed).as("an issued key id in what the CLI printed")
                .doesNotContain(issued.key().id()));
    }

    /** What the CLI runs of this class printed (stdout and stderr), scanned at the end like {@link SecretScan}. */
    private static final class ClientOutput {
        private final List<String> printed = new ArrayList<>();

        synchronized void clientSaw(AwsCli.Result result) {
            printed.add(result.stdout());
            printed.add(result.stderr());
        }

        synchronized int runs() {
            return printed.size() / 2;
        }

        synchronized String text() {
            return String.join("\n", printed);
        }
    }

    private static void assertPolicy(AssumeRoleStsDouble.Call call, String action, String resource)
            throws JsonProcessingException {
        JsonNode policy = JSON.readTree(call.get("Policy"));
        assertThat(policy.path("Version").asText()).as("%s", call).isEqualTo("2012-10-17");
        assertThat(policy.path("Statement")).as("%s", call).hasSize(1);
        JsonNode statement = policy.path("Statement").get(0);
        List<String> fields = new ArrayList<>();
        statement.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as("%s", call).containsExactlyInAnyOrder("Effect", "Action", "Resource");
        assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
        assertThat(strings(statement.path("Action"))).as("%s", call).containsExactly(action);
        assertThat(strings(statement.path("Resource"))).as("%s", call).containsExactly(resource);
    }

    /** A policy element: one string or an array of them. */
    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.asText());
        } else {
            node.forEach(value -> values.add(value.isTextual() ? value.asText() : value.toString()));
        }
        return values;
    }

    private static AssumeRoleStsDouble.Call assumedBy(String step) {
        List<AssumeRoleStsDouble.Call> calls = ASSUMED.get(step);
        assertThat(calls).as("AssumeRole calls of step %s (did the session run first?)", step).hasSize(1);
        return calls.get(0);
    }

    private static AssumeRoleStsDouble.Issued issuedBy(AssumeRoleStsDouble.Call call) {
        return sts.allIssued().stream().filter(issued -> issued.call().equals(call)).findFirst()
                .orElseThrow(() -> new AssertionError("no credentials were issued for " + call));
    }

    private static String table(String name) {
        return "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + name;
    }

    private static Step step(String name, String action, String resource, String... args) {
        return new Step(name, List.of(args), action, resource);
    }

    private static Path cacheDir(String user) {
        return chain.workDir.resolve("credential-cache-" + user);
    }

    /** The real CLI signing in through the development issuer, the credentials cached between runs. */
    private static AwsCli devCli(String user, String groups) {
        String process = GatehouseCredentials.commandLine(chain.gatehouse, "--dev", "--user", user, "--groups",
                groups, "--cache-dir", cacheDir(user).toString());
        return AwsCli.withConfig(chain.workDir, chain.gatehouse.endpoint(), REGION, "[default]\nregion = " + REGION
                + "\noutput = json\nmax_attempts = 1\nretry_mode = standard\ncredential_process = " + process + "\n");
    }

    private static JsonNode normalised(String stdout) throws JsonProcessingException {
        JsonNode node = stdout.isBlank() ? JSON.nullNode() : JSON.readTree(stdout);
        strip(node);
        return node;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
                if (VOLATILE.contains(names.next())) {
                    names.remove();
                }
            }
        }
        node.forEach(StsBrokerIT::strip);
    }
}
