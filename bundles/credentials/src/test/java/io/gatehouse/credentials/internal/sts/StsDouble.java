package io.gatehouse.credentials.internal.sts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.internal.signer.CredentialScope;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4CanonicalRequest;
import software.amazon.awssdk.http.auth.aws.internal.signer.util.SignerUtils;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.utils.BinaryUtils;

/**
 * A small STS over real HTTP (there is no STS emulator): it recomputes the SigV4 signature of every request with the
 * base credentials it was given, using the SDK's own signer (it shares no code with the broker), refuses a wrong
 * signature with AWS's 403 {@code SignatureDoesNotMatch}, records the decoded parameters of every AssumeRole, and
 * answers with fresh credentials whose expiry follows the test's clock. Failures can be scripted for the next calls,
 * and a gate can hold answers back.
 */
final class StsDouble implements AutoCloseable {

    static final String BASE_KEY_ID = "AKIABASEFORSTSTESTS";
    static final String BASE_SECRET = "base-secret-for-sts-tests";

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/,\\s]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,\\s*"
                    + "SignedHeaders=([^,\\s]+),\\s*Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** A scripted answer: status and body. */
    record Answer(int status, String contentType, String body) {
    }

    /** One received AssumeRole: its form parameters and whether its signature verified. */
    record Call(Map<String, String> parameters, boolean verified, String signingRegion) {
        String get(String name) {
            return parameters.get(name);
        }

        /** @return the session tags, in order */
        Map<String, String> tags() {
            Map<String, String> tags = new LinkedHashMap<>();
            for (int i = 1; parameters.containsKey("Tags.member." + i + ".Key"); i++) {
                tags.put(parameters.get("Tags.member." + i + ".Key"), parameters.get("Tags.member." + i + ".Value"));
            }
            return tags;
        }

        /** @return the transitive tag keys, in order */
        List<String> transitiveTagKeys() {
            List<String> keys = new ArrayList<>();
            for (int i = 1; parameters.containsKey("TransitiveTagKeys.member." + i); i++) {
                keys.add(parameters.get("TransitiveTagKeys.member." + i));
            }
            return keys;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<Instant> now;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Answer> scripted = new ConcurrentLinkedQueue<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    private StsDouble(HttpServer server, ExecutorService executor, Supplier<Instant> now) {
        this.server = server;
        this.executor = executor;
        this.now = now;
    }

    /**
     * @param now the time that issued credentials' expiry is counted from
     * @return a running double on a loopback port
     */
    static StsDouble start(Supplier<Instant> now) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            ExecutorService executor = Executors.newFixedThreadPool(8);
            server.setExecutor(executor);
            StsDouble sts = new StsDouble(server, executor, now);
            server.createContext("/", sts::handle);
            server.start();
            return sts;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the STS double", e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** @return every AssumeRole received, in order */
    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The next call (after any already scripted) gets this answer instead of credentials. */
    void answerNext(int status, String contentType, String body) {
        scripted.add(new Answer(status, contentType, body));
    }

    /** The next call gets AWS's query-protocol error. */
    void failNext(int status, String code, String message) {
        answerNext(status, "text/xml", error(code, message));
    }

    /** Answers are held until {@link #release()}. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    /** @return the access key id issued by the n-th successful AssumeRole (from 1) */
    static String issuedKey(int n) {
        return "ASIAISSUED" + n;
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> form = decode(new String(body, StandardCharsets.UTF_8));
            String region = signingRegion(exchange);
            boolean verified = verify(exchange, body);
            calls.add(new Call(form, verified, region));
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!verified) {
                send(exchange, 403, "text/xml", error("SignatureDoesNotMatch", "The request signature we calculated "
                        + "does not match the signature you provided."));
                return;
            }
            Answer answer = scripted.poll();
            if (answer != null) {
                send(exchange, answer.status(), answer.contentType(), answer.body());
                return;
            }
            if (!"AssumeRole".equals(form.get("Action"))) {
                send(exchange, 400, "text/xml", error("InvalidAction", "only AssumeRole"));
                return;
            }
            int n = issued.incrementAndGet();
            Instant expiry = now.get().plusSeconds(Long.parseLong(form.getOrDefault("DurationSeconds", "3600")));
            send(exchange, 200, "text/xml", "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                    + "<AssumeRoleResult><SourceIdentity>" + form.get("SourceIdentity") + "</SourceIdentity>"
                    + "<AssumedRoleUser><AssumedRoleId>AROADOUBLE:" + form.get("RoleSessionName") + "</AssumedRoleId>"
                    + "<Arn>arn:aws:sts::123456789012:assumed-role/double/" + form.get("RoleSessionName") + "</Arn>"
                    + "</AssumedRoleUser><Credentials><AccessKeyId>" + issuedKey(n) + "</AccessKeyId>"
                    + "<SecretAccessKey>issued-secret-" + n + "</SecretAccessKey><SessionToken>issued-token-" + n
                    + "</SessionToken><Expiration>" + expiry + "</Expiration></Credentials>"
                    + "<PackedPolicySize>12</PackedPolicySize></AssumeRoleResult>"
                    + "<ResponseMetadata><RequestId>req-" + n + "</RequestId></ResponseMetadata></AssumeRoleResponse>");
        }
    }

    private static String error(String code, String message) {
        return "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>"
                + code + "</Code><Message>" + message + "</Message></Error><RequestId>req-error</RequestId>"
                + "</ErrorResponse>";
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", "req-header");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> decode(String form) {
        Map<String, String> values = new LinkedHashMap<>();
        if (form.isEmpty()) {
            return values;
        }
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            values.put(key, value);
        }
        return values;
    }

    private static String signingRegion(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher auth = authorization == null ? null : AUTHORIZATION.matcher(authorization.trim());
        return auth != null && auth.matches() ? auth.group(3) : null;
    }

    /** Recomputes the signature over exactly the signed headers with the base secret and compares. */
    private static boolean verify(HttpExchange exchange, byte[] body) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String amzDate = exchange.getRequestHeaders().getFirst("X-Amz-Date");
        if (authorization == null || amzDate == null) {
            return false;
        }
        Matcher auth = AUTHORIZATION.matcher(authorization.trim());
        if (!auth.matches() || !BASE_KEY_ID.equals(auth.group(1)) || !"sts".equals(auth.group(4))) {
            return false;
        }
        Instant signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        String[] signedHeaders = auth.group(5).split(";");
        URI uri = exchange.getRequestURI();
        SdkHttpRequest.Builder rebuilt = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(exchange.getRequestMethod()))
                .uri(URI.create("http://" + exchange.getRequestHeaders().getFirst("Host") + uri.getRawPath()
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
        Arrays.stream(signedHeaders).forEach(name -> {
            List<String> values = exchange.getRequestHeaders().get(name);
            if (values != null) {
                rebuilt.putHeader(name, values);
            }
        });
        AwsBasicCredentials base = AwsBasicCredentials.create(BASE_KEY_ID, BASE_SECRET);
        String expected;
        if (Arrays.asList(signedHeaders).contains("x-amz-content-sha256")) {
            expected = AwsV4HttpSigner.create().sign(r -> r.identity(base)
                            .request(rebuilt.build())
                            .payload(ContentStreamProvider.fromByteArray(body))
                            .putProperty(AwsV4HttpSigner.REGION_NAME, auth.group(3))
                            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                            .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                    .request().firstMatchingHeader("Authorization").orElse("");
        } else {
            CredentialScope scope = new CredentialScope(auth.group(3), "sts", signedAt);
            V4CanonicalRequest canonical = new V4CanonicalRequest(rebuilt.build(),
                    BinaryUtils.toHex(SignerUtils.hash(body)), new V4CanonicalRequest.Options(true, true));
            String stringToSign = "AWS4-HMAC-SHA256\n" + scope.getDatetime() + "\n" + scope.scope() + "\n"
                    + SignerUtils.hashCanonicalRequest(canonical.getCanonicalRequestString());
            expected = "Signature=" + BinaryUtils.toHex(SignerUtils.computeSignature(stringToSign,
                    SignerUtils.deriveSigningKey(base, scope)));
        }
        Matcher computed = Pattern.compile("Signature=([0-9a-f]{64})").matcher(expected);
        return computed.find() && computed.group(1).equals(auth.group(6).toLowerCase(Locale.ROOT));
    }
}
