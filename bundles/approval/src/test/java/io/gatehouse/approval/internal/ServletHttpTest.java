package io.gatehouse.approval.internal;

import static io.gatehouse.approval.internal.Fixtures.ALICE;
import static io.gatehouse.approval.internal.Fixtures.BOB;
import static io.gatehouse.approval.internal.Fixtures.HASH_A;
import static io.gatehouse.approval.internal.Fixtures.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.identity.AuthenticationException;
import io.gatehouse.api.identity.SessionVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The servlets over real HTTP in Jetty 12 (what Felix HTTP runs), mapped as the whiteboard maps them. */
class ServletHttpTest {

    private final Fixtures.MutableClock clock = new Fixtures.MutableClock();
    private final ChannelNotifier notifier = new ChannelNotifier(1, Duration.ofMillis(10));
    private final ApprovalBook book = ApprovalBook.inMemory(Fixtures.settings(), clock, notifier);
    private final Map<String, Identity> sessions = Map.of("tok-alice", ALICE, "tok-bob", BOB);
    private final SessionVerifier verifier = (token, proof) -> {
        if (!sessions.containsKey(token) || !proof.equals("proof-" + token)) {
            throw new AuthenticationException(AuthenticationException.INVALID_TOKEN, "The security token is invalid.");
        }
        return sessions.get(token);
    };
    private final HttpClient client = HttpClient.newHttpClient();
    private Server server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        ControlApi api = new ControlApi(book, verifier);
        context.addServlet(new ServletHolder(new ApprovalsServlet(api)), ControlApi.APPROVALS + "/*");
        context.addServlet(new ServletHolder(new GrantsServlet(api)), ControlApi.GRANTS + "/*");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        book.close();
        notifier.close();
    }

    private HttpResponse<String> send(String who, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (who != null) {
            request.header("Authorization", "Bearer tok-" + who).header("X-Gatehouse-Proof", "proof-tok-" + who);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        return ApprovalJson.MAPPER.readTree(response.body());
    }

    @Test
    void reviewersWorkThroughHttp() throws Exception {
        String id = book.hold(call(ALICE, HASH_A, 1), Duration.ZERO).toCompletableFuture().get().approvalId();

        HttpResponse<String> anonymous = send(null, "GET", "/api/v1/approvals", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous).get("error").asText()).isEqualTo("invalid_request");

        HttpResponse<String> list = send("bob", "GET", "/api/v1/approvals?status=pending", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(json(list).get("approvals").get(0).get("id").asText()).isEqualTo(id);

        assertThat(send("alice", "POST", "/api/v1/approvals/" + id + "/approve", "").statusCode()).isEqualTo(403);
        assertThat(send("bob", "GET", "/api/v1/approvals/" + id + "/approve", null).statusCode()).isEqualTo(405);
        HttpResponse<String> denied = send("bob", "POST", "/api/v1/approvals/" + id + "/deny",
                "{\"reason\":\"not during the freeze\"}");
        assertThat(denied.statusCode()).isEqualTo(200);
        assertThat(json(denied).get("status").asText()).isEqualTo("DENIED");
        assertThat(json(denied).get("resolution").asText()).isEqualTo("denied by bob: not during the freeze");
        assertThat(send("bob", "POST", "/api/v1/approvals/" + id + "/approve", "").statusCode()).isEqualTo(409);
        assertThat(send("bob", "POST", "/api/v1/approvals/" + id + "/deny", "x".repeat(70_000)).statusCode())
                .isEqualTo(413);
    }

    @Test
    void grantsWorkThroughHttp() throws Exception {
        HttpResponse<String> requested = send("alice", "POST", "/api/v1/grants", "{\"actions\":[\"s3:GetObject\"],"
                + "\"resources\":[\"arn:aws:s3:::logs/*\"],\"duration\":\"PT30M\",\"reason\":\"debugging\"}");
        assertThat(requested.statusCode()).isEqualTo(202);
        String id = json(requested).get("id").asText();
        assertThat(send("bob", "POST", "/api/v1/approvals/" + id + "/approve", "").statusCode()).isEqualTo(200);
        assertThat(book.grantRules().rules()).hasSize(1);

        HttpResponse<String> revoked = send("bob", "DELETE", "/api/v1/grants/" + id, null);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(json(revoked).get("status").asText()).isEqualTo("REVOKED");
        assertThat(book.grantRules().rules()).isEmpty();
    }
}
