package io.gatehouse.credentials.internal.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.api.credentials.CredentialException;
import io.gatehouse.api.credentials.UpstreamCredentials;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Decision;
import io.gatehouse.api.exchange.Identity;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The STS broker against an STS double over real HTTP that verifies every signature. */
class StsCredentialBrokerTest {

    private static final String ACCOUNT = "123456789012";
    private static final String DEFAULT_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/gatehouse-default";
    private static final String PROD_DELETE_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/gatehouse-prod-delete";
    private static final String SRE_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/gatehouse-sre";
    private static final String DEV_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/gatehouse-developers";
    private static final String TABLE = "arn:aws:dynamodb:eu-west-1:" + ACCOUNT + ":table/";
    private static final String SESSION = "gs-0123456789abcdef0123456789abcdef";
    private static final Decision ALLOW = new Decision(Decision.Outcome.ALLOW, "ddb-read", "allowed", "v1");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private StsDouble sts;
    private final List<StsCredentialBroker> brokers = new ArrayList<>();

    @BeforeEach
    void start() {
        sts = StsDouble.start(clock::instant);
    }

    @AfterEach
    void stop() {
        brokers.forEach(StsCredentialBroker::close);
        sts.close();
    }

    @Test
    void singleResourceGetsExactlyThatActionAndResource() throws Exception {
        UpstreamCredentials credentials = get(broker(), alice(), getItem("orders"), ALLOW);

        assertThat(credentials.accessKeyId()).isEqualTo(StsDouble.issuedKey(1));
        assertThat(credentials.secretAccessKey()).isEqualTo("issued-secret-1");
        assertThat(credentials.sessionToken()).contains("issued-token-1");
        assertThat(credentials.expiration()).contains(clock.instant().plusSeconds(900));
        StsDouble.Call call = onlyCall();
        assertThat(call.verified()).isTrue();
        assertThat(call.signingRegion()).isEqualTo("eu-west-1");
        assertThat(call.get("Action")).isEqualTo("AssumeRole");
        assertThat(call.get("RoleArn")).isEqualTo(DEFAULT_ROLE);
        assertThat(call.get("DurationSeconds")).isEqualTo("900");
        assertThat(call.get("SourceIdentity")).isEqualTo("alice@example.com");
        assertThat(call.get("RoleSessionName")).isEqualTo("gatehouse-" + SESSION);
        assertPolicy(call, Set.of("dynamodb:GetItem"), Set.of(TABLE + "orders"));
        assertThat(call.tags()).containsExactly(
                Map.entry("gatehouse:subject", "alice@example.com"),
                Map.entry("gatehouse:actor", "alice@example.com"),
                Map.entry("gatehouse:depth", "0"),
                Map.entry("gatehouse:session", SESSION),
                Map.entry("gatehouse:rule", "ddb-read"));
        assertThat(call.transitiveTagKeys()).containsExactly("gatehouse:subject", "gatehouse:depth");
    }

    @Test
    void batchOfResourcesGetsEachOfThemAndNothingElse() throws Exception {
        AwsOperation batch = new AwsOperation("dynamodb", "BatchGetItem", "eu-west-1",
                List.of(TABLE + "orders", TABLE + "customers", TABLE + "invoices"), Map.of());

        get(broker(), alice(), batch, ALLOW);

        assertPolicy(onlyCall(), Set.of("dynamodb:BatchGetItem"),
                Set.of(TABLE + "orders", TABLE + "customers", TABLE + "invoices"));
    }

    @Test
    void callWithoutResourcesGetsResourceStar() throws Exception {
        AwsOperation listTables = new AwsOperation("dynamodb", "ListTables", "eu-west-1", List.of(), Map.of());

        get(broker(), alice(), listTables, ALLOW);

        assertPolicy(onlyCall(), Set.of("dynamodb:ListTables"), Set.of("*"));
    }

    @Test
    void delegatedChainOfDepthTwoKeepsTheHumanAsSourceIdentityAndTagsTheChain() throws Exception {
        Identity delegated = new Identity("alice@example.com", Set.of("developers"),
                List.of("agent-planner", "agent-coder/sub task"), SESSION, "AKGHDELEGATED", "fix bug",
                clock.instant().plusSeconds(3600));

        get(broker(), delegated, getItem("orders"), ALLOW);

        StsDouble.Call call = onlyCall();
        assertThat(call.get("SourceIdentity")).isEqualTo("alice@example.com");
        assertThat(call.tags()).containsExactly(
                Map.entry("gatehouse:subject", "alice@example.com"),
                Map.entry("gatehouse:actor", "agent-coder/sub task"),
                Map.entry("gatehouse:depth", "2"),
                Map.entry("gatehouse:session", SESSION),
                Map.entry("gatehouse:rule", "ddb-read"),
                Map.entry("gatehouse:chain:1", "agent-planner"),
                Map.entry("gatehouse:chain:2", "agent-coder/sub task"));
        assertThat(call.transitiveTagKeys()).containsExactly("gatehouse:subject", "gatehouse:depth",
                "gatehouse:chain:1", "gatehouse:chain:2");
        assertPolicy(call, Set.of("dynamodb:GetItem"), Set.of(TABLE + "orders"));
    }

    @Test
    void ruleMappedRoleWinsOverGroupsAndDefault() throws Exception {
        Decision prodDelete = new Decision(Decision.Outcome.ALLOW, "prod-delete", "allowed", "v1");

        get(broker(), alice(), getItem("orders"), prodDelete);

        assertThat(onlyCall().get("RoleArn")).isEqualTo(PROD_DELETE_ROLE);
    }

    @Test
    void groupMappedRoleIsTheFirstConfiguredGroupTheCallerHas() throws Exception {
        Identity both = identity("bob", Set.of("sre", "developers"));
        Identity developer = identity("carol", Set.of("developers", "unmapped"));

        StsCredentialBroker broker = broker();
        get(broker, both, getItem("orders"), ALLOW);
        get(broker, developer, getItem("orders"), ALLOW);

        assertThat(sts.calls()).extracting(call -> call.get("RoleArn")).containsExactly(SRE_ROLE, DEV_ROLE);
    }

    @Test
    void unmappedCallIsRefusedNamingRuleAndGroupsWithoutCallingSts() {
        StsCredentialBroker broker = broker(RoleMapping.parse("", List.of("prod-delete=" + PROD_DELETE_ROLE),
                List.of("sre=" + SRE_ROLE)));

        assertThatThrownBy(() -> get(broker, identity("dave", Set.of("qa", "analysts")), getItem("orders"), ALLOW))
                .isInstanceOf(CredentialException.class)
                .hasMessageContaining("rule 'ddb-read'")
                .hasMessageContaining("[analysts, qa]")
                .hasMessageContaining("role.default");
        assertThat(sts.calls()).isEmpty();
    }

    @Test
    void identicalCallsShareOneAssumeRoleWithinTheCredentialsLife() throws Exception {
        StsCredentialBroker broker = broker();
        for (int i = 0; i < 10; i++) {
            assertThat(get(broker, alice(), getItem("orders"), ALLOW).accessKeyId())
                    .isEqualTo(StsDouble.issuedKey(1));
        }
        clock.advance(Duration.ofSeconds(900 - 300 - 1));
        assertThat(get(broker, alice(), getItem("orders"), ALLOW).accessKeyId()).isEqualTo(StsDouble.issuedKey(1));
        assertThat(sts.calls()).hasSize(1);
    }

    @Test
    void concurrentIdenticalCallsShareOneAssumeRoleAndNeverBlockTheCaller() throws Exception {
        StsCredentialBroker broker = broker();
        sts.hold();
        List<CompletableFuture<UpstreamCredentials>> pending = new ArrayList<>();
        IntStream.range(0, 32).parallel().forEach(i -> {
            CompletionStage<UpstreamCredentials> stage = broker.credentialsFor(alice(), getItem("orders"), ALLOW);
            synchronized (pending) {
                pending.add(stage.toCompletableFuture());
            }
        });
        assertThat(pending).noneMatch(CompletableFuture::isDone);
        sts.release();

        Set<String> keys = new HashSet<>();
        for (CompletableFuture<UpstreamCredentials> future : pending) {
            keys.add(future.get(10, TimeUnit.SECONDS).accessKeyId());
        }
        assertThat(keys).containsExactly(StsDouble.issuedKey(1));
        assertThat(sts.calls()).hasSize(1);
    }

    @Test
    void credentialsAreRefreshedOnceTheyExpireWithinTheMargin() throws Exception {
        StsCredentialBroker broker = broker();
        get(broker, alice(), getItem("orders"), ALLOW);

        clock.advance(Duration.ofSeconds(900 - 300));

        assertThat(get(broker, alice(), getItem("orders"), ALLOW).accessKeyId()).isEqualTo(StsDouble.issuedKey(2));
        assertThat(get(broker, alice(), getItem("orders"), ALLOW).accessKeyId()).isEqualTo(StsDouble.issuedKey(2));
        assertThat(sts.calls()).hasSize(2);
    }

    @Test
    void anotherResourceOrActionOrSessionIsAnotherAssumeRole() throws Exception {
        StsCredentialBroker broker = broker();
        get(broker, alice(), getItem("orders"), ALLOW);
        get(broker, alice(), getItem("customers"), ALLOW);
        get(broker, alice(), new AwsOperation("dynamodb", "PutItem", "eu-west-1", List.of(TABLE + "orders"),
                Map.of()), ALLOW);
        get(broker, new Identity("alice@example.com", Set.of("developers"), List.of(), "gs-other", "AKGHOTHER", "",
                clock.instant().plusSeconds(3600)), getItem("orders"), ALLOW);

        assertThat(sts.calls()).hasSize(4);
        assertPolicy(sts.calls().get(1), Set.of("dynamodb:GetItem"), Set.of(TABLE + "customers"));
        assertPolicy(sts.calls().get(2), Set.of("dynamodb:PutItem"), Set.of(TABLE + "orders"));
    }

    @Test
    void stsAccessDeniedIsAClearCredentialExceptionWithoutSecretsOrStsText() {
        sts.failNext(403, "AccessDenied", "User: arn:aws:iam::123456789012:user/base is not authorized to perform "
                + "sts:AssumeRole, string to sign: AWS4-HMAC-SHA256 secret-ish");

        assertThatThrownBy(() -> get(broker(), alice(), getItem("orders"), ALLOW))
                .isInstanceOf(CredentialException.class)
                .hasMessageContaining(DEFAULT_ROLE)
                .hasMessageContaining("role.default")
                .hasMessageContaining("AccessDenied")
                .hasMessageContaining("HTTP 403")
                .hasMessageContaining("sts:TagSession")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(StsDouble.BASE_SECRET,
                        StsDouble.BASE_KEY_ID, "string to sign", "not authorized"));
    }

    @Test
    void failedAssumeRoleIsNotCachedAndTheNextCallTriesAgain() throws Exception {
        StsCredentialBroker broker = broker();
        sts.failNext(400, "Throttling", "Rate exceeded");

        assertThatThrownBy(() -> get(broker, alice(), getItem("orders"), ALLOW))
                .hasMessageContaining("Throttling").hasMessageContaining("retry later");
        assertThat(get(broker, alice(), getItem("orders"), ALLOW).accessKeyId()).isEqualTo(StsDouble.issuedKey(1));
        assertThat(sts.calls()).hasSize(2);
    }

    @Test
    void stsServerErrorIsACredentialException() {
        sts.answerNext(500, "text/html", "<html><body>Internal Server Error</body></html>");

        assertThatThrownBy(() -> get(broker(), alice(), getItem("orders"), ALLOW))
                .isInstanceOf(CredentialException.class)
                .hasMessageContaining("HTTP 500");
    }

    @Test
    void garbageAnswerIsACredentialException() {
        sts.answerNext(200, "text/xml", "this is <<< not XML at all");

        assertThatThrownBy(() -> get(broker(), alice(), getItem("orders"), ALLOW))
                .isInstanceOf(CredentialException.class)
                .hasMessageContaining(DEFAULT_ROLE)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("<<<"));
    }

    @Test
    void answerWithoutCredentialsIsACredentialException() {
        sts.answerNext(200, "text/xml", "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<AssumeRoleResult></AssumeRoleResult></AssumeRoleResponse>");

        assertThatThrownBy(() -> get(broker(), alice(), getItem("orders"), ALLOW))
                .isInstanceOf(CredentialException.class)
                .hasMessageContaining("no complete credentials");
    }

    @Test
    void unreachableStsIsACredentialException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        StsCredentialBroker broker = broker(settings(URI.create("http://127.0.0.1:" + closedPort), roles(),
                StsDouble.BASE_SECRET));

        assertThatThrownBy(() -> get(broker, alice(), getItem("orders"), ALLOW))
                .isInstanceOf(CredentialException.class)
                .hasMessageContaining("could not reach http://127.0.0.1:" + closedPort);
    }

    @Test
    void withoutConfiguredKeysTheSdkDefaultProviderChainSignsTheCall() throws Exception {
        System.setProperty("aws.accessKeyId", StsDouble.BASE_KEY_ID);
        System.setProperty("aws.secretAccessKey", StsDouble.BASE_SECRET);
        try {
            StsCredentialBroker broker = broker(new StsSettings(roles(), "eu-west-1", Optional.of(sts.endpoint()),
                    Optional.empty(), Duration.ofSeconds(900), Duration.ofSeconds(300), 100, 2, 16,
                    Duration.ofSeconds(5), 1, true));

            assertThat(get(broker, alice(), getItem("orders"), ALLOW).accessKeyId())
                    .isEqualTo(StsDouble.issuedKey(1));
            assertThat(onlyCall().verified()).isTrue();
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void theDoubleRefusesAWrongBaseSignature() {
        StsCredentialBroker broker = broker(settings(sts.endpoint(), roles(), "not-the-base-secret"));

        assertThatThrownBy(() -> get(broker, alice(), getItem("orders"), ALLOW))
                .isInstanceOf(CredentialException.class)
                .hasMessageContaining("SignatureDoesNotMatch")
                .hasMessageContaining("base credentials")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-base-secret"));
        assertThat(onlyCall().verified()).isFalse();
    }

    @Test
    void oversizePolicyIsCompressedToCommonPrefixesNeverWiderThanTheTables() throws Exception {
        List<String> tables = IntStream.range(0, 60).mapToObj(i -> TABLE + "orders-2026-" + (1000 + i)).toList();
        AwsOperation batch = new AwsOperation("dynamodb", "BatchWriteItem", "eu-west-1", tables, Map.of());

        get(broker(), alice(), batch, ALLOW);

        String policy = onlyCall().get("Policy");
        assertThat(policy.length()).isLessThanOrEqualTo(SessionPolicy.MAX_CHARS);
        JsonNode statement = JSON.readTree(policy).get("Statement").get(0);
        List<String> patterns = new ArrayList<>();
        statement.get("Resource").forEach(node -> patterns.add(node.asText()));
        assertThat(patterns).allSatisfy(pattern -> assertThat(pattern).startsWith(TABLE + "orders-2026-10"));
        assertThat(tables).allSatisfy(table -> assertThat(patterns).anyMatch(pattern ->
                pattern.endsWith("*") ? table.startsWith(pattern.substring(0, pattern.length() - 1))
                        : table.equals(pattern)));
    }

    @Test
    void policyThatCannotFitIsRefusedWithoutCallingSts() {
        List<String> tables = IntStream.range(0, 60).mapToObj(i -> "arn:aws:dynamodb:eu-west-1:" + (100000000000L + i)
                + ":table/t" + i).toList();
        AwsOperation batch = new AwsOperation("dynamodb", "BatchWriteItem", "eu-west-1", tables, Map.of());

        assertThatThrownBy(() -> get(broker(), alice(), batch, ALLOW))
                .isInstanceOf(CredentialException.class)
                .hasMessageContaining("does not fit");
        assertThat(sts.calls()).isEmpty();
    }

    @Test
    void subjectThatCannotBeASourceIdentityIsRefused() {
        Identity longSubject = identity("x".repeat(65), Set.of());

        assertThatThrownBy(() -> get(broker(), longSubject, getItem("orders"), ALLOW))
                .isInstanceOf(CredentialException.class)
                .hasMessageContaining("SourceIdentity");
        assertThat(sts.calls()).isEmpty();
    }

    @Test
    void cacheStaysWithinItsBound() throws Exception {
        StsCredentialBroker broker = broker(new StsSettings(roles(), "eu-west-1", Optional.of(sts.endpoint()),
                Optional.of(new StsSettings.BaseKeys(StsDouble.BASE_KEY_ID, StsDouble.BASE_SECRET, Optional.empty())),
                Duration.ofSeconds(900), Duration.ofSeconds(300), 3, 2, 16, Duration.ofSeconds(5), 1, true));
        for (int i = 0; i < 10; i++) {
            get(broker, alice(), getItem("t" + i), ALLOW);
        }
        assertThat(broker.cachedScopes()).isLessThanOrEqualTo(3);
    }

    @Test
    void stoppingTheBrokerFailsCallsWaitingForStsAndRefusesNewOnes() throws Exception {
        StsCredentialBroker broker = broker();
        sts.hold();
        CompletableFuture<UpstreamCredentials> waiting = broker.credentialsFor(alice(), getItem("orders"), ALLOW)
                .toCompletableFuture();

        broker.close();

        assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(CredentialException.class)
                .hasMessageContaining("stopping");
        assertThatThrownBy(() -> get(broker, alice(), getItem("orders"), ALLOW))
                .isInstanceOf(CredentialException.class).hasMessageContaining("stopping");
    }

    @Test
    void callsBeyondTheBoundedQueueAreRefusedNotQueued() throws Exception {
        StsCredentialBroker broker = broker(new StsSettings(roles(), "eu-west-1", Optional.of(sts.endpoint()),
                Optional.of(new StsSettings.BaseKeys(StsDouble.BASE_KEY_ID, StsDouble.BASE_SECRET, Optional.empty())),
                Duration.ofSeconds(900), Duration.ofSeconds(300), 100, 1, 1, Duration.ofSeconds(5), 1, true));
        sts.hold();
        CompletableFuture<UpstreamCredentials> running = broker.credentialsFor(alice(), getItem("a"), ALLOW)
                .toCompletableFuture();
        CompletableFuture<UpstreamCredentials> queued = broker.credentialsFor(alice(), getItem("b"), ALLOW)
                .toCompletableFuture();

        assertThatThrownBy(() -> get(broker, alice(), getItem("c"), ALLOW))
                .isInstanceOf(CredentialException.class).hasMessageContaining("too many STS calls");
        sts.release();
        assertThat(running.get(10, TimeUnit.SECONDS).accessKeyId()).startsWith("ASIAISSUED");
        assertThat(queued.get(10, TimeUnit.SECONDS).accessKeyId()).startsWith("ASIAISSUED");
    }

    @Test
    void credentialsThatStsIssuesAlreadyWithinTheMarginAreNeverHandedOut() {
        sts.answerNext(200, "text/xml", "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<AssumeRoleResult><Credentials><AccessKeyId>ASIASHORT</AccessKeyId><SecretAccessKey>s</SecretAccessKey>"
                + "<SessionToken>t</SessionToken><Expiration>" + clock.instant().plusSeconds(120) + "</Expiration>"
                + "</Credentials></AssumeRoleResult></AssumeRoleResponse>");

        assertThatThrownBy(() -> get(broker(), alice(), getItem("orders"), ALLOW))
                .isInstanceOf(CredentialException.class)
                .hasMessageContaining("within the refresh margin");
    }

    @Test
    void aChainTooDeepForSessionTagsIsRefusedWithoutCallingSts() {
        List<String> chain = IntStream.rangeClosed(1, 46).mapToObj(i -> "agent-" + i).toList();
        Identity deep = new Identity("alice@example.com", Set.of(), chain, SESSION, "AKGHDEEP", "",
                clock.instant().plusSeconds(3600));

        assertThatThrownBy(() -> get(broker(), deep, getItem("orders"), ALLOW))
                .isInstanceOf(CredentialException.class)
                .hasMessageContaining("46 deep");
        assertThat(sts.calls()).isEmpty();
    }

    @Test
    void actorNamesOutsideTheTagCharactersAreEscapedNotDropped() throws Exception {
        Identity delegated = new Identity("auth0|42", Set.of(), List.of("agent=1", "agent|2"), SESSION, "AKGH", "",
                clock.instant().plusSeconds(3600));

        get(broker(), delegated, getItem("orders"), ALLOW);

        StsDouble.Call call = onlyCall();
        assertThat(call.get("SourceIdentity")).isEqualTo("auth0=7C42");
        assertThat(call.tags()).containsEntry("gatehouse:subject", "auth0=7C42")
                .containsEntry("gatehouse:chain:1", "agent=3D1")
                .containsEntry("gatehouse:chain:2", "agent=7C2")
                .containsEntry("gatehouse:actor", "agent=7C2");
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static void assertPolicy(StsDouble.Call call, Set<String> actions, Set<String> resources)
            throws IOException {
        JsonNode policy = JSON.readTree(call.get("Policy"));
        assertThat(policy.get("Version").asText()).isEqualTo("2012-10-17");
        assertThat(policy.get("Statement")).hasSize(1);
        JsonNode statement = policy.get("Statement").get(0);
        assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
        assertThat(fieldNames(statement)).containsExactlyInAnyOrder("Effect", "Action", "Resource");
        Set<String> actual = new HashSet<>();
        statement.get("Action").forEach(node -> actual.add(node.asText()));
        assertThat(actual).isEqualTo(actions);
        Set<String> actualResources = new HashSet<>();
        statement.get("Resource").forEach(node -> actualResources.add(node.asText()));
        assertThat(actualResources).isEqualTo(resources);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private StsDouble.Call onlyCall() {
        assertThat(sts.calls()).hasSize(1);
        return sts.calls().get(0);
    }

    private static UpstreamCredentials get(StsCredentialBroker broker, Identity identity, AwsOperation operation,
                                           Decision decision) throws Exception {
        try {
            return broker.credentialsFor(identity, operation, decision).toCompletableFuture()
                    .get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static AwsOperation getItem(String table) {
        return new AwsOperation("dynamodb", "GetItem", "eu-west-1", List.of(TABLE + table), Map.of());
    }

    private Identity alice() {
        return identity("alice@example.com", Set.of("analysts"));
    }

    private Identity identity(String subject, Set<String> groups) {
        return new Identity(subject, groups, List.of(), SESSION, "AKGHSESSIONKEY", "",
                clock.instant().plusSeconds(3600));
    }

    private static RoleMapping roles() {
        return RoleMapping.parse(DEFAULT_ROLE, List.of("prod-delete=" + PROD_DELETE_ROLE),
                List.of("sre=" + SRE_ROLE + ", developers=" + DEV_ROLE));
    }

    private StsSettings settings(URI endpoint, RoleMapping roles, String secret) {
        return new StsSettings(roles, "eu-west-1", Optional.of(endpoint),
                Optional.of(new StsSettings.BaseKeys(StsDouble.BASE_KEY_ID, secret, Optional.empty())),
                Duration.ofSeconds(900), Duration.ofSeconds(300), 100, 2, 64, Duration.ofSeconds(5), 1, true);
    }

    private StsCredentialBroker broker() {
        return broker(roles());
    }

    private StsCredentialBroker broker(RoleMapping roles) {
        return broker(settings(sts.endpoint(), roles, StsDouble.BASE_SECRET));
    }

    private StsCredentialBroker broker(StsSettings settings) {
        StsCredentialBroker broker = new StsCredentialBroker(settings, clock);
        brokers.add(broker);
        return broker;
    }
}
