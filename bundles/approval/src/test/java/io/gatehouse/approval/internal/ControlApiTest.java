package io.gatehouse.approval.internal;

import static io.gatehouse.approval.internal.Fixtures.ALICE;
import static io.gatehouse.approval.internal.Fixtures.BOB;
import static io.gatehouse.approval.internal.Fixtures.DAVE;
import static io.gatehouse.approval.internal.Fixtures.HASH_A;
import static io.gatehouse.approval.internal.Fixtures.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.identity.AuthenticationException;
import io.gatehouse.api.identity.SessionVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The control API's routes, authentication and errors (the servlets only adapt requests to it). */
class ControlApiTest {

    private final Fixtures.MutableClock clock = new Fixtures.MutableClock();
    private final ChannelNotifier notifier = new ChannelNotifier(1, Duration.ofMillis(10));
    private final ApprovalBook book = ApprovalBook.inMemory(Fixtures.settings(), clock, notifier);
    private final Map<String, Identity> sessions = Map.of("tok-alice", ALICE, "tok-bob", BOB, "tok-dave", DAVE);
    private final SessionVerifier verifier = (token, proof) -> {
        if (!sessions.containsKey(token) || !proof.equals("proof-" + token)) {
            throw new AuthenticationException(AuthenticationException.INVALID_TOKEN, "The security token is invalid.");
        }
        return sessions.get(token);
    };
    private final ControlApi api = new ControlApi(book, verifier);

    @AfterEach
    void close() {
        book.close();
        notifier.close();
    }

    private ControlApi.Response request(String who, String method, String path, String body) {
        return request(who, method, path, Map.of(), body);
    }

    private ControlApi.Response request(String who, String method, String path, Map<String, String> query, String body) {
        return api.handle(new ControlApi.Request(method, path, query, who == null ? null : "Bearer tok-" + who,
                who == null ? null : "proof-tok-" + who, body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aReviewerListsShowsAndApprovesAPendingCall() throws Exception {
        String id = book.hold(call(ALICE, HASH_A, 1), Duration.ZERO).toCompletableFuture().get().approvalId();

        ControlApi.Response list = request("bob", "GET", "/api/v1/approvals", Map.of("status", "pending"), "");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().get("approvals")).hasSize(1);
        var view = list.body().get("approvals").get(0);
        assertThat(view.get("id").asText()).isEqualTo(id);
        assertThat(view.get("requester").get("subject").asText()).isEqualTo("alice");
        assertThat(view.get("actions").get(0).asText()).isEqualTo("dynamodb:DeleteTable");
        assertThat(view.get("rule").asText()).isEqualTo("prod-deletes");
        assertThat(view.get("request_hash").asText()).isEqualTo(HASH_A);
        assertThat(view.get("required_approvals").asInt()).isEqualTo(1);
        assertThat(view.get("review_url").asText()).isEqualTo("http://127.0.0.1:7701/api/v1/approvals/" + id);
        assertThat(view.toString()).doesNotContain("tok-");

        ControlApi.Response approved = request("bob", "POST", "/api/v1/approvals/" + id + "/approve", "");
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.body().get("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.body().get("approvals").get(0).get("reviewer").asText()).isEqualTo("bob");
        assertThat(request("bob", "GET", "/api/v1/approvals/" + id, "").body().get("status").asText())
                .isEqualTo("APPROVED");
        assertThat(request("bob", "GET", "/api/v1/approvals", Map.of("status", "pending"), "").body()
                .get("approvals")).isEmpty();
    }

    @Test
    void errorsAreClearJson() throws Exception {
        String id = book.hold(call(ALICE, HASH_A, 1), Duration.ZERO).toCompletableFuture().get().approvalId();

        ControlApi.Response anonymous = request(null, "GET", "/api/v1/approvals", "");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().get("error_description").asText()).contains("Bearer");
        ControlApi.Response badProof = api.handle(new ControlApi.Request("GET", "/api/v1/approvals", Map.of(),
                "Bearer tok-bob", "forged", new byte[0]));
        assertThat(badProof.status()).isEqualTo(401);
        ControlApi.Response self = request("alice", "POST", "/api/v1/approvals/" + id + "/approve", "");
        assertThat(self.status()).isEqualTo(403);
        assertThat(self.body().get("error").asText()).isEqualTo("access_denied");
        assertThat(request("dave", "GET", "/api/v1/approvals/" + id, "").status()).as("not dave's to see")
                .isEqualTo(404);
        assertThat(request("bob", "GET", "/api/v1/approvals/ap-" + "0".repeat(32), "").status()).isEqualTo(404);
        assertThat(request("bob", "POST", "/api/v1/approvals/" + id + "/deny", "{\"reason\": \"no\"}").status())
                .isEqualTo(200);
        ControlApi.Response late = request("bob", "POST", "/api/v1/approvals/" + id + "/approve", "");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.body().get("error_description").asText()).contains("DENIED");
        assertThat(request("bob", "POST", "/api/v1/approvals/" + id + "/deny", "[1]").status()).isEqualTo(400);
        assertThat(request("bob", "GET", "/api/v1/approvals", Map.of("status", "weird"), "").status()).isEqualTo(400);
    }

    @Test
    void grantsAreRequestedApprovedListedAndRevokedThroughTheApi() {
        ControlApi.Response requested = request("alice", "POST", "/api/v1/grants", "{\"actions\":[\"dynamodb:DeleteItem\"],"
                + "\"resources\":[\"arn:aws:dynamodb:eu-west-1:000000000000:table/Orders\"],\"duration\":\"PT30M\","
                + "\"reason\":\"incident 42\"}");
        assertThat(requested.status()).isEqualTo(202);
        assertThat(requested.body().get("kind").asText()).isEqualTo("GRANT");
        assertThat(requested.body().get("duration").asText()).isEqualTo("PT30M");
        String id = requested.body().get("id").asText();

        assertThat(request("bob", "POST", "/api/v1/approvals/" + id + "/approve", "").status()).isEqualTo(200);
        assertThat(book.grantRules().rules()).hasSize(1);
        assertThat(request("alice", "GET", "/api/v1/grants", "").body().get("approvals").get(0).get("status")
                .asText()).isEqualTo("APPROVED");
        assertThat(request("dave", "DELETE", "/api/v1/grants/" + id, "").status()).isEqualTo(404);
        assertThat(request("alice", "DELETE", "/api/v1/grants/" + id, "").body().get("status").asText())
                .isEqualTo("REVOKED");
        assertThat(book.grantRules().rules()).isEmpty();

        ControlApi.Response tooLong = request("alice", "POST", "/api/v1/grants", "{\"actions\":[\"s3:GetObject\"],"
                + "\"resources\":[\"*\"],\"duration\":\"PT9H\",\"reason\":\"x\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().get("error_description").asText()).contains("at most");
    }
}
