package io.gatehouse.runtime.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.gatehouse.runtime.Gatehouse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code gatehouse approvals} and {@code gatehouse grants} against a JDK HttpServer double of the control API. */
class ApprovalCommandsTest {

    private static final String ID = "ap-" + "0123456789abcdef".repeat(2);
    private static final String VIEW = "{\"id\":\"" + ID + "\",\"kind\":\"CALL\",\"status\":\"PENDING\","
            + "\"requester\":{\"subject\":\"alice\",\"chain\":[\"ci-agent\"]},\"actions\":[\"dynamodb:DeleteTable\"],"
            + "\"resources\":[\"arn:aws:dynamodb:eu-west-1:000000000000:table/Orders\"],\"region\":\"eu-west-1\","
            + "\"rule\":\"prod-deletes\",\"reason\":\"Deleting production tables needs approval\","
            + "\"request_hash\":\"" + "c".repeat(64) + "\",\"created_at\":\"2026-11-25T12:00:00Z\","
            + "\"expires_at\":\"2026-11-25T12:15:00Z\",\"approvals\":[{\"reviewer\":\"bob\",\"reviewer_chain\":[],"
            + "\"at\":\"2026-11-25T12:01:00Z\"}],\"required_approvals\":2,\"approver_groups\":[\"approvers\"],"
            + "\"review_url\":\"http://127.0.0.1:7701/api/v1/approvals/" + ID + "\"}";

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String uri = exchange.getRequestURI().toString();
            requests.add(exchange.getRequestMethod() + " " + uri + " " + body + " | "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " | "
                    + exchange.getRequestHeaders().getFirst("X-Gatehouse-Proof"));
            int status = 200;
            String answer;
            if (uri.startsWith("/api/v1/approvals?") || uri.equals("/api/v1/approvals")
                    || uri.equals("/api/v1/grants")) {
                answer = exchange.getRequestMethod().equals("POST") ? VIEW.replace("\"CALL\"", "\"GRANT\"")
                        : "{\"approvals\":[" + VIEW + "]}";
                status = exchange.getRequestMethod().equals("POST") ? 202 : 200;
            } else if (uri.endsWith("/approve")) {
                status = 403;
                answer = "{\"error\":\"access_denied\",\"error_description\":\"neither the requester nor anyone in "
                        + "its delegation chain may approve it.\"}";
            } else {
                answer = VIEW;
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int run(String... args) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine commandLine = new CommandLine(new Gatehouse(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K instance = defaults.create(type);
                if (instance instanceof ControlCommand command) {
                    command.environment = Map.of("AWS_SESSION_TOKEN", "tok.en.value", "AWS_SECRET_ACCESS_KEY",
                            "s3cr3t");
                }
                return instance;
            }
        });
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--endpoint";
        all[args.length + 1] = "http://127.0.0.1:" + server.getAddress().getPort();
        return commandLine.execute(all);
    }

    @Test
    void listPrintsATableAndAuthenticatesWithTheSessionAndItsProof() {
        assertThat(run("approvals", "list", "--status", "pending")).isEqualTo(0);

        assertThat(requests).hasSize(1);
        assertThat(requests.get(0)).startsWith("GET /api/v1/approvals?status=pending")
                .contains("| Bearer tok.en.value | " + CredentialsCommand.proof("s3cr3t", "tok.en.value"))
                .doesNotContain("s3cr3t");
        String[] lines = out.toString().split("\n");
        assertThat(lines[0]).startsWith("ID").contains("STATUS").contains("REQUESTER").contains("APPROVALS");
        assertThat(lines[1]).contains(ID).contains("PENDING").contains("alice via ci-agent")
                .contains("dynamodb:DeleteTable").contains("1/2");
    }

    @Test
    void showAndJsonPrintTheApproval() {
        assertThat(run("approvals", "show", ID)).isEqualTo(0);
        assertThat(out.toString()).contains("rule:         prod-deletes").contains("approved by bob")
                .contains("review:       http://127.0.0.1:7701/api/v1/approvals/" + ID);

        StringWriter before = new StringWriter();
        before.write(out.toString());
        assertThat(run("approvals", "show", ID, "--json")).isEqualTo(0);
        assertThat(out.toString().substring(before.toString().length()).strip()).isEqualTo(VIEW);
    }

    @Test
    void denySendsTheReasonAndARefusalIsAClearErrorWithStatusOne() {
        assertThat(run("approvals", "deny", ID, "--reason", "use \"staging\"")).isEqualTo(0);
        assertThat(requests.get(0)).startsWith("POST /api/v1/approvals/" + ID + "/deny {\"reason\":\"use "
                + "\\\"staging\\\"\"}");

        assertThat(run("approvals", "approve", ID)).isEqualTo(1);
        assertThat(err.toString()).contains("HTTP 403").contains("neither the requester nor anyone");
        assertThat(run("approvals", "approve", "not-an-id")).isEqualTo(1);
        assertThat(requests).hasSize(2);
    }

    @Test
    void grantsRequestSendsActionsResourcesAndAnIsoDuration() {
        assertThat(run("grants", "request", "--action", "dynamodb:DeleteItem", "--action", "dynamodb:PutItem",
                "--resource", "arn:aws:dynamodb:eu-west-1:000000000000:table/Orders", "--duration", "1h30m",
                "--reason", "incident 42")).isEqualTo(0);

        assertThat(requests.get(0)).startsWith("POST /api/v1/grants {\"actions\":[\"dynamodb:DeleteItem\","
                + "\"dynamodb:PutItem\"],\"resources\":[\"arn:aws:dynamodb:eu-west-1:000000000000:table/Orders\"],"
                + "\"duration\":\"PT1H30M\",\"reason\":\"incident 42\"}");
        assertThat(out.toString()).contains("Grant " + ID + " is PENDING").contains("approvers")
                .contains("gatehouse approvals approve " + ID);
        assertThat(run("grants", "revoke", ID)).isEqualTo(0);
        assertThat(requests.get(1)).startsWith("DELETE /api/v1/grants/" + ID);
        assertThat(run("grants", "list")).isEqualTo(0);
        assertThat(requests.get(2)).startsWith("GET /api/v1/grants ");
    }

    @Test
    void durationsAreReadInShortAndIsoForm() {
        assertThat(GrantsCommand.duration("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(GrantsCommand.duration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(GrantsCommand.duration("PT45M")).isEqualTo(Duration.ofMinutes(45));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GrantsCommand.duration("soon"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutSessionCredentialsNothingIsSent() {
        CommandLine commandLine = Gatehouse.commandLine();
        commandLine.setErr(new PrintWriter(err));
        ControlCommand list = (ControlCommand) commandLine.getSubcommands().get("approvals").getSubcommands()
                .get("list").getCommand();
        list.environment = Map.of();

        assertThat(commandLine.execute("approvals", "list", "--endpoint",
                "http://127.0.0.1:" + server.getAddress().getPort())).isEqualTo(1);
        assertThat(err.toString()).contains("AWS_SESSION_TOKEN is not set");
        assertThat(requests).isEmpty();
    }
}
