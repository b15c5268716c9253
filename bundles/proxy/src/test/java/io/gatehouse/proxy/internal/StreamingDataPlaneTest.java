package io.gatehouse.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.gatehouse.proxy.internal.registry.ResolverRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Streamed S3 bodies through the real listener, pipeline and Netty forwarder to a JDK HttpServer upstream: an upload
 * with {@code Expect: 100-continue} arrives complete and re-signed {@code UNSIGNED-PAYLOAD}; one whose body does not
 * match its signed hash is refused and the upstream never reads the whole body; a large download keeps its length
 * and loses the upstream key.
 */
class StreamingDataPlaneTest {

    private static final String CLIENT_KEY = "GHCLIENTKEY00002";
    private static final String CLIENT_SECRET = "client-secret-0123456789";
    private static final String UPSTREAM_KEY = "AKIAUPSTREAM0002";
    private static final int OBJECT = 3 * 1024 * 1024;

    private final List<Upload> uploads = new CopyOnWriteArrayList<>();
    private HttpServer upstream;
    private DataPlaneServer server;
    private int port;

    /** What the upstream read of one PUT. */
    record Upload(Map<String, List<String>> headers, int bytesRead, boolean complete, byte[] body) {
    }

    @BeforeEach
    void start() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", exchange -> {
            if ("PUT".equals(exchange.getRequestMethod())) {
                long declared = Long.parseLong(exchange.getRequestHeaders().getFirst("Content-Length"));
                ByteArrayOutputStream read = new ByteArrayOutputStream();
                boolean complete;
                try (InputStream in = exchange.getRequestBody()) {
                    in.transferTo(read);
                    complete = read.size() == declared;
                } catch (IOException e) {
                    complete = false;
                }
                uploads.add(new Upload(Map.copyOf(exchange.getRequestHeaders()), read.size(), complete,
                        read.toByteArray()));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
                return;
            }
            byte[] object = object();
            exchange.sendResponseHeaders(200, object.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(object);
            }
        });
        upstream.start();
        AccessKeyStore keys = new AccessKeyStore();
        keys.bindKey(new ConfiguredAccessKey(CLIENT_KEY, CLIENT_SECRET, "alice", "dev"));
        EndpointResolver endpoints = new EndpointResolver();
        endpoints.bindEndpoint(new ConfiguredEndpoint("s3", "*", "http://127.0.0.1:" + upstream.getAddress().getPort()));
        AdapterRegistry adapters = new AdapterRegistry();
        adapters.bindAdapter(new ObjectAdapter(), Map.of(ServiceAdapter.SERVICE, "s3", "service.id", 1L));
        BrokerRegistry brokers = new BrokerRegistry();
        brokers.bindBroker(broker(), Map.of("service.id", 2L));
        port = freePort();
        server = new DataPlaneServer(TestConfigs.of(ProxyConfig.class, Map.of("port", port, "max_body_bytes", 1024L)),
                adapters, keys, endpoints, brokers, new ResolverRegistry(), AllowAllPolicy.registry(),
                new io.gatehouse.proxy.internal.registry.ApprovalRegistry());
    }

    @AfterEach
    void stop() {
        server.stop();
        upstream.stop(0);
    }

    @Test
    void anUploadWithExpectContinueStreamsCompleteAndReSignedUnsignedPayload() throws Exception {
        byte[] body = random(OBJECT);

        Answer answer = put(body, body);

        assertThat(answer.continued).as("HTTP/1.1 100 Continue first").isTrue();
        assertThat(answer.status).as(answer.text).isEqualTo(200);
        assertThat(uploads).hasSize(1);
        Upload upload = uploads.get(0);
        assertThat(upload.complete).isTrue();
        assertThat(upload.body).isEqualTo(body);
        assertThat(upload.headers.get("X-amz-content-sha256")).containsExactly("UNSIGNED-PAYLOAD");
        assertThat(upload.headers.get("Authorization").get(0)).contains("Credential=" + UPSTREAM_KEY + "/");
    }

    @Test
    void aBodyThatDoesNotMatchItsSignedHashIsRefusedAndNeverCompletesUpstream() throws Exception {
        byte[] body = random(OBJECT);
        byte[] signed = body.clone();
        signed[OBJECT - 1] ^= 1;

        Answer answer = put(body, signed);

        assertThat(answer.status).as(answer.text).isEqualTo(400);
        assertThat(answer.text).contains("<Code>XAmzContentSHA256Mismatch</Code>");
        Thread.sleep(300);
        assertThat(uploads).allSatisfy(upload -> {
            assertThat(upload.complete).isFalse();
            assertThat(upload.bytesRead).isLessThan(OBJECT);
        });
    }

    @Test
    void aLargeDownloadStreamsWithItsLengthAndWithoutTheUpstreamKey() throws Exception {
        Answer answer = exchange("GET", sign("GET", null, null), new byte[0], false);

        assertThat(answer.status).isEqualTo(200);
        assertThat(answer.head).containsIgnoringCase("Content-Length: " + OBJECT);
        byte[] expected = object();
        int at = indexOf(expected, UPSTREAM_KEY.getBytes(StandardCharsets.US_ASCII));
        Arrays.fill(expected, at, at + UPSTREAM_KEY.length(), (byte) '*');
        assertThat(answer.body).isEqualTo(expected);
    }

    private static byte[] object() {
        byte[] object = random(OBJECT);
        System.arraycopy(UPSTREAM_KEY.getBytes(StandardCharsets.US_ASCII), 0, object, 65530, UPSTREAM_KEY.length());
        return object;
    }

    /** An answer read off a raw connection. */
    private record Answer(boolean continued, int status, String head, byte[] body, String text) {
    }

    /** Sends {@code body}, signed with the SHA-256 of {@code signedContent}. */
    private Answer put(byte[] body, byte[] signedContent) throws IOException {
        SdkHttpRequest signed = sign("PUT", body.length, signedContent);
        assertThat(signed.firstMatchingHeader("x-amz-content-sha256")).contains(sha256(signedContent));
        return exchange("PUT", signed, body, true);
    }

    private Answer exchange(String method, SdkHttpRequest signed, byte[] body, boolean expectContinue)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            StringBuilder head = new StringBuilder(method + " /bucket/key HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\n");
            signed.headers().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("host")) {
                    values.forEach(value -> head.append(name).append(": ").append(value).append("\r\n"));
                }
            });
            if (expectContinue) {
                head.append("Expect: 100-continue\r\n");
            }
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            boolean continued = false;
            if (expectContinue) {
                String status = readLine(in);
                continued = status.equals("HTTP/1.1 100 Continue");
                readLine(in);
                if (continued) {
                    new Thread(() -> {
                        try {
                            out.write(body);
                            out.flush();
                        } catch (IOException e) {
                            // the gateway may answer and stop reading first
                        }
                    }).start();
                }
            }
            byte[] raw = in.readAllBytes();
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            return new Answer(continued, Integer.parseInt(text.substring(9, 12)), text.substring(0, end),
                    Arrays.copyOfRange(raw, end + 4, raw.length), text);
        }
    }

    /** Signs with the hex SHA-256 of {@code signedContent}, or UNSIGNED-PAYLOAD when it is null. */
    private SdkHttpRequest sign(String method, Integer contentLength, byte[] signedContent) {
        SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method))
                .uri(URI.create("http://127.0.0.1:" + port)).encodedPath("/bucket/key");
        if (contentLength != null) {
            unsigned.putHeader("Content-Length", contentLength.toString());
        }
        return AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create(CLIENT_KEY, CLIENT_SECRET)).request(unsigned.build())
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false);
            if (signedContent == null) {
                r.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false);
            } else {
                r.payload(() -> new java.io.ByteArrayInputStream(signedContent));
            }
        }).request();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new Random(5).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static CredentialBroker broker() {
        UpstreamCredentials credentials = new UpstreamCredentials(UPSTREAM_KEY, "upstream-secret-000000",
                Optional.empty(), Optional.empty());
        return (identity, operation, decision) -> CompletableFuture.completedFuture(credentials);
    }

    /** Decodes PUT as PutObject and GET as GetObject on {@code bucket/key}, from the method alone. */
    private static final class ObjectAdapter implements ServiceAdapter {
        @Override
        public Protocol protocol() {
            return Protocol.REST_XML;
        }

        @Override
        public AwsOperation decode(RequestView request, DecodeContext context) {
            assertThat(request.body().isStreamed()).isEqualTo("PUT".equals(request.method()));
            return new AwsOperation("s3", "PUT".equals(request.method()) ? "PutObject" : "GetObject",
                    context.region(), List.of("arn:aws:s3:::bucket/key"), Map.of());
        }
    }
}
