package io.gatehouse.plugins.approval.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.gatehouse.api.approval.HeldCall;
import io.gatehouse.api.approval.HoldOutcome;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Decision;
import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.policy.ApprovalRequirement;
import io.gatehouse.approval.internal.ApprovalBook;
import io.gatehouse.approval.internal.ApprovalSettings;
import io.gatehouse.approval.internal.ChannelNotifier;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook channel against a local receiver, driven by the real approval gate and its retries. */
class WebhookChannelTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Identity ALICE = new Identity("alice", Set.of("developers"), List.of("ci-agent"), "gs-a",
            "GHSA", "", Instant.now().plusSeconds(3600));
    private static final Identity BOB = new Identity("bob", Set.of("approvers"), List.of(), "gs-b", "GHSB", "",
            Instant.now().plusSeconds(3600));
    private static final HeldCall CALL = new HeldCall(ALICE, new AwsOperation("dynamodb", "DeleteTable",
            "eu-west-1", List.of("arn:aws:dynamodb:eu-west-1:000000000000:table/<Orders>"), Map.of()),
            new Decision(Decision.Outcome.APPROVE, "prod-deletes", "Deleting production tables needs approval", "v1"),
            new ApprovalRequirement(Set.of("approvers"), 1, Duration.ofMinutes(15)), "c".repeat(64));

    private HttpServer receiver;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private ChannelNotifier notifier;
    private ApprovalBook book;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/services/T000/B000/secret", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = failuresLeft.getAndDecrement() > 0 ? 500 : 200;
            if (status == 200) {
                received.add(body);
            }
            byte[] answer = (status == 200 ? "ok" : "internal_error").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();
        notifier = new ChannelNotifier(4, Duration.ofMillis(50));
        book = ApprovalBook.inMemory(new ApprovalSettings("http://gatehouse.test:7701", 20, 100, Duration.ofHours(1),
                false, Set.of("approvers"), 1, Duration.ofHours(1), Duration.ofHours(1)), Clock.systemUTC(), notifier);
    }

    @AfterEach
    void stop() {
        book.close();
        notifier.close();
        receiver.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/services/T000/B000/secret");
    }

    private void awaitReceived(int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (received.size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(received).hasSizeGreaterThanOrEqualTo(count);
    }

    @Test
    void announcesWithRequesterActionResourcesRuleAndALinkAndTellsTheResolution() throws Exception {
        notifier.add(new WebhookChannel(url(), Duration.ofSeconds(5), ""), "webhook");

        HoldOutcome held = book.hold(CALL, Duration.ZERO).toCompletableFuture().get(5, TimeUnit.SECONDS);
        awaitReceived(1);
        book.approve(held.approvalId(), BOB);
        awaitReceived(2);

        JsonNode announce = MAPPER.readTree(received.get(0));
        String section = announce.get("blocks").get(0).get("text").get("text").asText();
        assertThat(announce.get("text").asText()).contains("alice").contains("dynamodb:DeleteTable")
                .contains("http://gatehouse.test:7701/api/v1/approvals/" + held.approvalId());
        assertThat(section).contains("*Requester:* alice (via ci-agent)").contains("`dynamodb:DeleteTable`")
                .contains("table/&lt;Orders&gt;").contains("*Rule:* prod-deletes")
                .contains("Deleting production tables needs approval").contains("approvers");
        assertThat(announce.get("blocks").get(1).get("text").get("text").asText())
                .isEqualTo("<http://gatehouse.test:7701/api/v1/approvals/" + held.approvalId() + "|Review Approval "
                        + held.approvalId() + ">");
        JsonNode resolved = MAPPER.readTree(received.get(1));
        assertThat(resolved.get("text").asText()).contains(held.approvalId()).contains("approved");
        assertThat(resolved.get("blocks").get(0).get("text").get("text").asText()).contains("bob");
        assertThat(received).noneMatch(body -> body.contains("c".repeat(64)));
    }

    @Test
    void aReceiverThatFailsFirstStillGetsTheNoticeAfterARetryAndTheApprovalIsUnaffected() throws Exception {
        failuresLeft.set(2);
        notifier.add(new WebhookChannel(url(), Duration.ofSeconds(5), "https://console.example.com/"), "webhook");

        HoldOutcome held = book.hold(CALL, Duration.ZERO).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(held.status()).isEqualTo(HoldOutcome.Status.PENDING);
        awaitReceived(1);

        assertThat(failuresLeft.get()).isNegative();
        assertThat(MAPPER.readTree(received.get(0)).get("text").asText())
                .contains("https://console.example.com/api/v1/approvals/" + held.approvalId());
        book.approve(held.approvalId(), BOB);
        assertThat(book.redeem(held.approvalId(), CALL)).isTrue();
    }

    @Test
    void onlyHttpAndHttpsUrlsAreAccepted() {
        assertThatThrownBy(() -> new WebhookChannel(URI.create("file:///etc/passwd"), Duration.ofSeconds(1), ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookChannel(URI.create("ftp://example.com/x"), Duration.ofSeconds(1), ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
