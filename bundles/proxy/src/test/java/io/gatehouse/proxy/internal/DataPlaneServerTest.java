package io.gatehouse.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.gatehouse.api.adapter.DecodeContext;
import io.gatehouse.api.adapter.Protocol;
import io.gatehouse.api.adapter.ServiceAdapter;
import io.gatehouse.api.credentials.CredentialBroker;
import io.gatehouse.api.credentials.UpstreamCredentials;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.proxy.internal.forward.ConfiguredEndpoint;
import io.gatehouse.proxy.internal.forward.EndpointResolver;
import io.gatehouse.proxy.internal.keys.AccessKeyStore;
import io.gatehouse.proxy.internal.keys.ConfiguredAccessKey;
import io.gatehouse.proxy.internal.registry.AdapterRegistry;
import io.gatehouse.proxy.internal.registry.BrokerRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Runs the real data plane (Undertow, pipeline, SDK signer, Netty client) against a recording upstream. */
class DataPlaneServerTest {

    private static final String CLIENT_KEY = "GHCLIENTKEY00001";
    private static final String CLIENT_SECRET = "client-secret-0123456789";
    private static final String BODY = "{\"TableName\":\"Orders\"}";

    private final List<Map<String, List<String>>> upstreamRequests = new CopyOnWriteArrayList<>();
    private final AdapterRegistry adapters = new AdapterRegistry();
    private final BrokerRegistry brokers = new BrokerRegistry();
    private final ServiceAdapter adapter = new EchoAdapter();
    private final List<Runnable> revokeWhileUpstream = new CopyOnWriteArrayList<>();
    private static final java.util.concurrent.atomic.AtomicBoolean SCOPED_REVOKED =
            new java.util.concurrent.atomic.AtomicBoolean();
    private final io.gatehouse.proxy.internal.registry.ResolverRegistry resolvers =
            new io.gatehouse.proxy.internal.registry.ResolverRegistry();
    private final io.gatehouse.proxy.internal.registry.PolicyRegistry policies =
            new io.gatehouse.proxy.internal.registry.PolicyRegistry();
    private final java.util.concurrent.atomic.AtomicReference<io.gatehouse.api.exchange.Decision.Outcome> outcome =
            new java.util.concurrent.atomic.AtomicReference<>(io.gatehouse.api.exchange.Decision.Outcome.ALLOW);
    private HttpServer upstream;
    private DataPlaneServer server;
    private int port;

    @BeforeEach
    void start() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", exchange -> {
            upstreamRequests.add(Map.copyOf(exchange.getRequestHeaders()));
            exchange.getRequestBody().readAllBytes();
            revokeWhileUpstream.forEach(Runnable::run);
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Content-Length", "11");
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
                return;
            }
            byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        upstream.start();
        AccessKeyStore keys = new AccessKeyStore();
        keys.bindKey(new ConfiguredAccessKey(CLIENT_KEY, CLIENT_SECRET, "alice", "dev"));
        EndpointResolver endpoints = new EndpointResolver();
        endpoints.bindEndpoint(new ConfiguredEndpoint("dynamodb", "*",
                "http://127.0.0.1:" + upstream.getAddress().getPort()));
        adapters.bindAdapter(adapter, Map.of(ServiceAdapter.SERVICE, "dynamodb", "service.id", 1L));
        brokers.bindBroker(staticBroker(), Map.of("service.id", 2L));
        port = freePort();
        resolvers.bindResolver(scopedResolver(), Map.of("service.id", 3L));
        policies.bindEngine((identity, operation) -> new io.gatehouse.api.policy.PolicyDecision(
                new io.gatehouse.api.exchange.Decision(outcome.get(), "test-rule", "decided by the test", "t1"),
                java.util.Optional.empty()), Map.of("service.id", 4L));
        server = new DataPlaneServer(TestConfigs.of(ProxyConfig.class, Map.of("port", port,
                "max_body_bytes", 1024L, "max_header_bytes", 4096)), adapters, keys, endpoints, brokers,
                resolvers, policies, new io.gatehouse.proxy.internal.registry.ApprovalRegistry());
    }

    @AfterEach
    void stop() {
        server.stop();
        upstream.stop(0);
    }

    @Test
    void forwardsASignedCallReSignedWithTheUpstreamKeyOnly() throws Exception {
        HttpResponse<String> response = send(signed(BODY, CLIENT_SECRET));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"ok\":true}");
        assertThat(upstreamRequests).hasSize(1);
        String authorization = upstreamRequests.get(0).get("Authorization").get(0);
        assertThat(authorization).contains("Credential=AKIAUPSTREAM0001/").doesNotContain(CLIENT_KEY);
        assertThat(upstreamRequests.get(0).get("X-amz-target")).containsExactly("DynamoDB_20120810.GetItem");
    }

    @Test
    void aCallThePolicyDeniesNeverReachesUpstream() throws Exception {
        outcome.set(io.gatehouse.api.exchange.Decision.Outcome.DENY);

        HttpResponse<String> response = send(signed(BODY, CLIENT_SECRET));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("AccessDeniedException", "test-rule");
        assertThat(upstreamRequests).isEmpty();
    }

    @Test
    void withoutAPolicyEngineNothingReachesUpstream() throws Exception {
        policies.unbindEngine(policies.engine().orElseThrow());

        HttpResponse<String> response = send(signed(BODY, CLIENT_SECRET));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("PolicyUnavailable");
        assertThat(upstreamRequests).isEmpty();
    }

    @Test
    void aCallNeedingApprovalWithoutAnApprovalServiceNeverReachesUpstream() throws Exception {
        outcome.set(io.gatehouse.api.exchange.Decision.Outcome.APPROVE);
        policies.unbindEngine(policies.engine().orElseThrow());
        policies.bindEngine((identity, operation) -> new io.gatehouse.api.policy.PolicyDecision(
                new io.gatehouse.api.exchange.Decision(io.gatehouse.api.exchange.Decision.Outcome.APPROVE, "needs-ok",
                        "held", "t1"), java.util.Optional.of(new io.gatehouse.api.policy.ApprovalRequirement(
                        java.util.Set.of("sre"), 1, Duration.ofMinutes(5)))), Map.of("service.id", 5L));

        HttpResponse<String> response = send(signed(BODY, CLIENT_SECRET));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("ApprovalUnavailable", "needs-ok");
        assertThat(upstreamRequests).isEmpty();
    }

    @Test
    void aHeadAnswerKeepsTheUpstreamContentLength() throws Exception {
        HttpRequest get = signed("GET", "", CLIENT_SECRET);
        HttpRequest.Builder head = HttpRequest.newBuilder(get.uri()).timeout(Duration.ofSeconds(10))
                .method("HEAD", HttpRequest.BodyPublishers.noBody());
        signed("HEAD", "", CLIENT_SECRET).headers().map().forEach((name, values) ->
                values.forEach(value -> head.header(name, value)));

        HttpResponse<String> response = send(head.build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).contains("11");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void aSessionIsHeldToItsScope() throws Exception {
        HttpResponse<String> outside = send(signed(BODY, SCOPED_SECRET, SCOPED_KEY, "DynamoDB_20120810.GetItem"));

        assertThat(outside.statusCode()).isEqualTo(403);
        assertThat(errorType(outside)).isEqualTo("AccessDeniedException");
        assertThat(new ObjectMapper().readTree(outside.body()).get("message").asText())
                .contains("outside the scope of session", "table/Orders");
        assertThat(upstreamRequests).isEmpty();
    }

    @Test
    void aSessionRevokedWhileItsCallIsUpstreamGetsNoAnswer() throws Exception {
        EchoAdapter.table = "Reports";
        revokeWhileUpstream.add(() -> SCOPED_REVOKED.set(true));
        try {
            HttpResponse<String> response = send(signed(BODY, SCOPED_SECRET, SCOPED_KEY, "DynamoDB_20120810.GetItem"));

            assertThat(upstreamRequests).hasSize(1);
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(errorType(response)).isEqualTo("UnrecognizedClientException");
            assertThat(response.body()).contains("revoked").doesNotContain("\"ok\"");
        } finally {
            SCOPED_REVOKED.set(false);
            EchoAdapter.table = "Orders";
        }
    }

    @Test
    void aSessionMayCallWithinItsScope() throws Exception {
        EchoAdapter.table = "Reports";
        try {
            HttpResponse<String> inside = send(signed(BODY, SCOPED_SECRET, SCOPED_KEY, "DynamoDB_20120810.GetItem"));

            assertThat(inside.statusCode()).isEqualTo(200);
            assertThat(upstreamRequests).hasSize(1);
        } finally {
            EchoAdapter.table = "Orders";
        }
    }

    @Test
    void aWrongSecretIsRefusedAndNothingReachesUpstream() throws Exception {
        HttpResponse<String> response = send(signed(BODY, "not-the-client-secret-000"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(errorType(response)).isEqualTo("InvalidSignatureException");
        assertThat(upstreamRequests).isEmpty();
    }

    @Test
    void aServiceWithoutAdapterIsRefusedClearly() throws Exception {
        adapters.unbindAdapter(adapter);

        HttpResponse<String> response = send(signed(BODY, CLIENT_SECRET));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errorType(response)).isEqualTo("NoServiceAdapter");
        assertThat(new ObjectMapper().readTree(response.body()).get("message").asText())
                .contains("no adapter for service dynamodb");
        assertThat(upstreamRequests).isEmpty();
    }

    @Test
    void withoutCredentialBrokerNothingIsForwarded() throws Exception {
        brokers.broker().ifPresent(brokers::unbindBroker);

        HttpResponse<String> response = send(signed(BODY, CLIENT_SECRET));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(upstreamRequests).isEmpty();
    }

    @Test
    void anOversizedBodyGets413BeforeAnythingElse() throws Exception {
        String large = "{\"TableName\":\"" + "x".repeat(2000) + "\"}";

        HttpResponse<String> response = send(signed(large, CLIENT_SECRET));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(errorType(response)).isEqualTo("RequestEntityTooLarge");
        assertThat(upstreamRequests).isEmpty();
    }

    @Test
    void answersExpectContinueWithTheReasonPhrase() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String first = readLine(socket.getInputStream());
            assertThat(first).isEqualTo("HTTP/1.1 100 Continue");
        }
    }

    @Test
    void anOversizedHeaderBlockIsRefused() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(8000) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String status = readLine(socket.getInputStream());
            assertThat(status).matches("HTTP/1.1 (400|431).*|");
        }
        assertThat(upstreamRequests).isEmpty();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static final String SCOPED_KEY = "GHSSCOPEDKEY0001";
    private static final String SCOPED_SECRET = "scoped-secret-0123456789";

    private static io.gatehouse.api.identity.CredentialResolver scopedResolver() {
        io.gatehouse.api.exchange.Identity identity = new io.gatehouse.api.exchange.Identity("alice", java.util.Set.of(),
                List.of("report-agent"), "s-1", SCOPED_KEY, "reports", java.time.Instant.now().plusSeconds(600),
                new io.gatehouse.api.exchange.Scope(List.of("dynamodb:GetItem"), List.of("*:table/Reports")));
        return (accessKeyId, token) -> {
            if (!SCOPED_KEY.equals(accessKeyId)) {
                return Optional.empty();
            }
            if (SCOPED_REVOKED.get()) {
                throw new io.gatehouse.api.identity.AuthenticationException(
                        io.gatehouse.api.identity.AuthenticationException.UNRECOGNIZED_CLIENT, "Session s-1 was revoked.");
            }
            return Optional.of(new io.gatehouse.api.identity.ResolvedCredential(identity, SCOPED_SECRET));
        };
    }

    private HttpRequest signed(String body, String secret) {
        return signed(body, secret, CLIENT_KEY, "DynamoDB_20120810.GetItem");
    }

    private HttpRequest signed(String body, String secret, String accessKeyId, String target) {
        return signed("POST", body, secret, accessKeyId, target);
    }

    private HttpRequest signed(String method, String body, String secret) {
        return signed(method, body, secret, CLIENT_KEY, "DynamoDB_20120810.GetItem");
    }

    private HttpRequest signed(String method, String body, String secret, String accessKeyId, String target) {
        SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method))
                .uri(URI.create("http://127.0.0.1:" + port + "/"))
                .putHeader("X-Amz-Target", target)
                .putHeader("Content-Type", "application/x-amz-json-1.0").build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKeyId, secret)).request(unsigned)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        HttpRequest.Builder request = HttpRequest.newBuilder(signed.getUri()).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return request.build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String errorType(HttpResponse<String> response) throws IOException {
        JsonNode json = new ObjectMapper().readTree(response.body());
        String type = json.get("__type").asText();
        return type.substring(type.indexOf('#') + 1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static CredentialBroker staticBroker() {
        UpstreamCredentials credentials = new UpstreamCredentials("AKIAUPSTREAM0001", "upstream-secret-000000",
                Optional.empty(), Optional.empty());
        return (identity, operation, decision) -> CompletableFuture.completedFuture(credentials);
    }

    /** Decodes every call as a GetItem on the table named in the body. */
    private static final class EchoAdapter implements ServiceAdapter {
        static volatile String table = "Orders";

        @Override
        public Protocol protocol() {
            return Protocol.AWS_JSON_1_0;
        }

        @Override
        public AwsOperation decode(RequestView request, DecodeContext context) {
            return new AwsOperation(context.service(), "GetItem", context.region(),
                    List.of(context.arn("table/" + table)), Map.of());
        }
    }
}
