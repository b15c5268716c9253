package io.gatehouse.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Calls Gatehouse must refuse: each gets a 4xx with an AWS-shaped JSON error, and nothing reaches
 * the upstream. The codes are the ones the working contract fixes for the proxy.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthenticationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIST_TABLES = "{}";

    static GatewayStack stack;
    static final SecretScan SCAN = new SecretScan();

    @RegisterExtension
    static final DumpLogsOnFailure DUMP = new DumpLogsOnFailure(() -> stack);

    @BeforeAll
    static void start() {
        stack = GatewayStack.start("auth");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void cliWithWrongSecretIsRefused() {
        AwsCli.Result result = refusedCli(() -> stack.cli(stack.clientKey.withWrongSecret()).run("dynamodb", "list-tables"));

        assertThat(result.stderr()).contains("InvalidSignatureException");
    }

    @Test
    void cliWithUnknownAccessKeyIsRefused() {
        AwsCli.Result result = refusedCli(() -> stack.cli(AccessKey.random("AKIAUNKNOWN")).run("dynamodb", "list-tables"));

        assertThat(result.stderr()).contains("UnrecognizedClientException");
    }

    @Test
    void wrongSecret() {
        refused(403, "InvalidSignatureException", () -> stack.raw("ListTables", LIST_TABLES)
                .sendSigned(stack.clientKey.withWrongSecret(), GatewayStack.REGION, Instant.now()));
    }

    @Test
    void unknownAccessKey() {
        refused(403, "UnrecognizedClientException", () -> stack.raw("ListTables", LIST_TABLES)
                .sendSigned(AccessKey.random("AKIAUNKNOWN"), GatewayStack.REGION, Instant.now()));
    }

    @Test
    void missingSignature() {
        refused(403, "MissingAuthenticationTokenException", () -> stack.raw("ListTables", LIST_TABLES).sendUnsigned());
    }

    @Test
    void signedMoreThanFiveMinutesAgo() {
        Instant sixMinutesAgo = Instant.now().minus(Duration.ofMinutes(6));

        JsonNode error = refused(403, "InvalidSignatureException", () -> stack.raw("ListTables", LIST_TABLES)
                .sendSigned(stack.clientKey, GatewayStack.REGION, sixMinutesAgo));

        assertThat(error.path("message").asText()).as("says why").isNotBlank();
    }

    @Test
    void bodyChangedAfterSigning() {
        RawDynamoDbCall signed = stack.raw("ListTables", LIST_TABLES);
        RawDynamoDbCall tampered = stack.raw("ListTables", "{\"Limit\":1}");

        refused(403, "InvalidSignatureException", () -> tampered.sendWithHeaders(
                signed.signedHeaders(stack.clientKey, GatewayStack.REGION, Instant.now())));
    }

    @Test
    void signedFourMinutesAgoIsStillWithinTheWindow() {
        RawDynamoDbCall.Response response = stack.raw("ListTables", LIST_TABLES)
                .sendSigned(stack.clientKey, GatewayStack.REGION, Instant.now().minus(Duration.ofMinutes(4)));
        SCAN.clientSaw(response);

        assertThat(response.status()).as("%s", response).isEqualTo(200);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void noCredentialLeaks() {
        assertThat(SCAN.responses()).isGreaterThan(8);
        SCAN.assertClean(stack);
    }

    /** Sends a raw call that must be refused; returns its parsed JSON error. */
    private static JsonNode refused(int status, String code, Supplier<RawDynamoDbCall.Response> call) {
        int before = stack.upstream.count();
        RawDynamoDbCall.Response response = call.get();
        SCAN.clientSaw(response);

        assertThat(stack.upstream.count() - before).as("requests that reached upstream").isZero();
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        assertThat(response.header("Content-Type")).as("%s", response).startsWith("application/x-amz-json-1.0");
        JsonNode error = parse(response);
        assertThat(error.path("__type").asText()).as("__type of %s", response)
                .matches("([\\w.]+#)?" + code);
        assertThat(error.path("message").asText()).as("message of %s", response).isNotBlank();
        assertThat(response.header("x-amzn-ErrorType")).as("%s", response).startsWith(code);
        return error;
    }

    private static AwsCli.Result refusedCli(Supplier<AwsCli.Result> call) {
        int before = stack.upstream.count();
        AwsCli.Result result = call.get();
        SCAN.clientSaw(result);

        assertThat(stack.upstream.count() - before).as("requests that reached upstream").isZero();
        assertThat(result.ok()).as("%s", result).isFalse();
        return result;
    }

    private static JsonNode parse(RawDynamoDbCall.Response response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not a JSON error: " + response, e);
        }
    }
}
