package io.gatehouse.runtime.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.gatehouse.runtime.Gatehouse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The credential_process command against a fake control plane and token endpoint. */
class CredentialsCommandTest {

    @TempDir
    Path folder;

    private HttpServer server;
    private final List<String> exchanges = new CopyOnWriteArrayList<>();
    private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private final AtomicReference<Instant> expiration = new AtomicReference<>(Instant.now().plusSeconds(3600));
    private final AtomicReference<Integer> status = new AtomicReference<>(200);

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/credentials", exchange -> {
            exchanges.add(URLDecoder.decode(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8), StandardCharsets.UTF_8));
            byte[] answer = (status.get() == 200
                    ? "{\"Version\":1,\"AccessKeyId\":\"GHSAAAAAAAAAAAAAAAAA\",\"SecretAccessKey\":\"s3cr3t\","
                            + "\"SessionToken\":\"tok\",\"Expiration\":\"" + expiration.get() + "\"}"
                    : "{\"error\":\"invalid_request\",\"error_description\":\"The subject token is refused\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.createContext("/idp/token", exchange -> {
            tokenRequests.add(exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "{\"access_token\":\"eyJ.from.idp\",\"token_type\":\"Bearer\"}".getBytes();
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private String[] run(Map<String, String> env, String... args) {
        CommandLine commandLine = Gatehouse.commandLine();
        CredentialsCommand command = commandLine.getSubcommands().get("credentials").getCommand();
        command.environment = env;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 5];
        all[0] = "credentials";
        all[1] = "--endpoint";
        all[2] = endpoint();
        all[3] = "--cache-dir";
        all[4] = folder.resolve("cache").toString();
        System.arraycopy(args, 0, all, 5, args.length);
        int exit = commandLine.execute(all);
        return new String[] {String.valueOf(exit), out.toString().strip(), err.toString().strip()};
    }

    @Test
    void devExchangePrintsCredentialProcessJsonAndCachesItPrivately() throws Exception {
        String[] first = run(Map.of(), "--dev", "--user", "alice", "--groups", "dev,ops");
        String[] second = run(Map.of(), "--dev", "--user", "alice", "--groups", "dev,ops");

        assertThat(first[0]).isEqualTo("0");
        assertThat(first[1]).startsWith("{\"Version\":1,").contains("\"AccessKeyId\":\"GHSAAAAAAAAAAAAAAAAA\"");
        assertThat(second[1]).isEqualTo(first[1]);
        assertThat(exchanges).hasSize(1);
        assertThat(exchanges.get(0)).contains("subject_token_type=urn:gatehouse:token-type:dev",
                "subject_token=alice", "groups=dev,ops", "grant_type=urn:ietf:params:oauth:grant-type:token-exchange");
        try (var files = Files.list(folder.resolve("cache"))) {
            Path cached = files.findFirst().orElseThrow();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cached))).isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("cache"))))
                .isEqualTo("rwx------");
    }

    @Test
    void anotherUserIsNotServedFromTheCache() {
        run(Map.of(), "--dev", "--user", "alice");
        run(Map.of(), "--dev", "--user", "bob");

        assertThat(exchanges).hasSize(2);
    }

    @Test
    void credentialsCloseToExpiryAreExchangedAgain() {
        expiration.set(Instant.now().plusSeconds(200));
        run(Map.of(), "--dev", "--user", "alice");
        run(Map.of(), "--dev", "--user", "alice");

        assertThat(exchanges).hasSize(2);
    }

    @Test
    void tokenFromEnvironmentIsExchangedWithScopeLifetimeAndPurpose() {
        String[] result = run(Map.of("CI_TOKEN", "eyJ.ci.token\n"), "--token-env", "CI_TOKEN", "--scope",
                "action:dynamodb:GetItem", "--lifetime", "900", "--purpose", "deploy");

        assertThat(result[0]).isEqualTo("0");
        assertThat(exchanges.get(0)).contains("subject_token=eyJ.ci.token&", "scope=action:dynamodb:GetItem",
                "requested_lifetime=900", "purpose=deploy",
                "subject_token_type=urn:ietf:params:oauth:token-type:access_token");
    }

    @Test
    void tokenFromFileAndFromCommand() throws Exception {
        Path file = Files.writeString(folder.resolve("token"), "eyJ.file.token\n");
        run(Map.of(), "--token-file", file.toString(), "--no-cache");
        run(Map.of(), "--token-command", "echo eyJ.command.token", "--no-cache");

        assertThat(exchanges.get(0)).contains("subject_token=eyJ.file.token");
        assertThat(exchanges.get(1)).contains("subject_token=eyJ.command.token");
    }

    @Test
    void clientCredentialsFlowFetchesTheTokenFirst() {
        String[] result = run(Map.of("SECRET", "client-secret"), "--token-endpoint", endpoint() + "/idp/token",
                "--client-id", "ci-runner", "--client-secret-env", "SECRET", "--oidc-scope", "gatehouse");

        assertThat(result[0]).isEqualTo("0");
        assertThat(tokenRequests.get(0)).startsWith("Basic ").contains("grant_type=client_credentials",
                "scope=gatehouse");
        assertThat(exchanges.get(0)).contains("subject_token=eyJ.from.idp");
    }

    @Test
    void aRefusalIsReportedOnStandardErrorWithExitOne() {
        status.set(401);

        String[] result = run(Map.of(), "--dev", "--user", "alice");

        assertThat(result[0]).isEqualTo("1");
        assertThat(result[1]).isEmpty();
        assertThat(result[2]).contains("HTTP 401", "invalid_request", "The subject token is refused");
    }

    @Test
    void delegationSendsTheParentTokenWithAProofOfItsSecret() {
        String[] result = run(Map.of("AWS_SESSION_TOKEN", "parent.token.value", "AWS_SECRET_ACCESS_KEY", "parent-secret",
                "AWS_ACCESS_KEY_ID", "GHSPARENT"), "--delegate", "--actor", "sub-agent-1", "--scope",
                "action:dynamodb:Query", "--lifetime", "300");

        assertThat(result[0]).as(result[2]).isEqualTo("0");
        assertThat(exchanges.get(0)).contains("subject_token_type=urn:gatehouse:token-type:session",
                "subject_token=parent.token.value", "actor=sub-agent-1",
                "subject_token_proof=" + CredentialsCommand.proof("parent-secret", "parent.token.value"));
        assertThat(exchanges.get(0)).doesNotContain("parent-secret");
    }

    @Test
    void revokeSendsTheSessionTokenAndProofToTheSessionsEndpoint() {
        List<String> deletes = new CopyOnWriteArrayList<>();
        server.createContext("/api/v1/sessions/", exchange -> {
            deletes.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + exchange.getRequestHeaders().getFirst("X-Gatehouse-Proof"));
            byte[] answer = "{\"revoked\":\"gs-1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        String payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"jti\":\"gs-0123\",\"sub\":\"alice\"}".getBytes(StandardCharsets.UTF_8));
        String token = "eyJhbGciOiJIUzI1NiJ9." + payload + ".sig";
        CommandLine commandLine = Gatehouse.commandLine();
        RevokeCommand command = commandLine.getSubcommands().get("revoke").getCommand();
        command.environment = Map.of("AWS_SESSION_TOKEN", token, "AWS_SECRET_ACCESS_KEY", "secret");
        commandLine.setOut(new PrintWriter(new StringWriter()));

        int exit = commandLine.execute("revoke", "--endpoint", endpoint());

        assertThat(exit).isZero();
        assertThat(deletes).containsExactly("DELETE /api/v1/sessions/gs-0123 Bearer " + token + " "
                + CredentialsCommand.proof("secret", token));
    }

    @Test
    void exactlyOneTokenSourceIsRequired() {
        assertThat(run(Map.of())[0]).isEqualTo("2");
        assertThat(run(Map.of("T", "x"), "--dev", "--token-env", "T")[0]).isEqualTo("2");
    }
}
