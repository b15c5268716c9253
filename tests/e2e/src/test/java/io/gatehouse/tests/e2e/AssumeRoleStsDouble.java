package io.gatehouse.tests.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The STS Gatehouse's STS credential broker calls (there is no STS emulator): it recomputes every request's SigV4
 * signature with the one base key it knows ({@link SigV4Check}, the SDK's signer), refuses anything else with STS's
 * 403 {@code SignatureDoesNotMatch}, records the decoded parameters of every call and answers AssumeRole with fresh
 * random credentials for {@code DurationSeconds}, which {@link #issuedKey(String)} hands to {@link SigningUpstream}
 * so that the upstream accepts exactly the issued keys. Roles whose name starts with {@code denied-} get STS's 403
 * {@code AccessDenied}, whose message (like AWS's) names the caller and the role.
 */
final class AssumeRoleStsDouble implements AutoCloseable {

    static final String CALLER_ARN = "arn:aws:iam::123456789012:user/gatehouse-base";
    /** Words of the AccessDenied message that Gatehouse must not pass on. */
    static final String DENIED_MESSAGE = "is not authorized to perform: sts:AssumeRole";
    private static final String NS = StsReplies.NS;
    private static final String ERROR_REQUEST_ID = "e2e-error-request";

    /** One received call: its form parameters and the signature check's verdict. */
    record Call(Map<String, String> parameters, SigV4Check.Verdict verdict, String authorization) {

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

        @Override
        public String toString() {
            return get("Action") + " " + get("RoleArn") + " source=" + get("SourceIdentity") + " policy="
                    + get("Policy") + (verdict.verified() ? " verified" : " REFUSED: " + verdict.problem());
        }
    }

    /**
     * Credentials handed out by one AssumeRole.
     *
     * @param key the access key id and secret
     * @param sessionToken the session token
     * @param call the AssumeRole that issued them
     */
    record Issued(AccessKey key, String sessionToken, Call call) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final SigV4Check check;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();

    private AssumeRoleStsDouble(HttpServer server, ExecutorService executor, AccessKey baseKey) {
        this.server = server;
        this.executor = executor;
        this.check = new SigV4Check(baseKey);
    }

    /** Starts the double on 127.0.0.1 and a free port; only {@code baseKey} may call it. */
    static AssumeRoleStsDouble start(AccessKey baseKey) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            ExecutorService executor = Executors.newFixedThreadPool(8);
            server.setExecutor(executor);
            AssumeRoleStsDouble sts = new AssumeRoleStsDouble(server, executor, baseKey);
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

    /** @return every call received, in order */
    List<Call> calls() {
        return List.copyOf(calls);
    }

    int count() {
        return calls.size();
    }

    /** @return the issued key of that access key id, or null: the lookup {@link SigningUpstream} verifies with */
    AccessKey issuedKey(String accessKeyId) {
        Issued credentials = issued.get(accessKeyId);
        return credentials == null ? null : credentials.key();
    }

    /** @return the credentials issued under that access key id, or null */
    Issued issued(String accessKeyId) {
        return issued.get(accessKeyId);
    }

    /** @return everything issued so far */
    List<Issued> allIssued() {
        return List.copyOf(issued.values());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
            SigV4Check.Verdict verdict = check.verify(exchange.getRequestMethod(), exchange.getRequestURI(), headers,
                    body);
            Map<String, String> form = StsReplies.decode(exchange.getRequestURI().getRawQuery());
            form.putAll(StsReplies.decode(new String(body, StandardCharsets.UTF_8)));
            Call call = new Call(Map.copyOf(form), verdict, exchange.getRequestHeaders().getFirst("Authorization"));
            calls.add(call);
            if (!verdict.verified()) {
                StsReplies.error(exchange, ERROR_REQUEST_ID,
                        403, "SignatureDoesNotMatch", "The request signature we calculated does not match "
                        + "the signature you provided.");
                return;
            }
            String action = form.getOrDefault("Action", "");
            if (!"AssumeRole".equals(action)) {
                StsReplies.error(exchange, ERROR_REQUEST_ID,
                        400, "InvalidAction", "Could not find operation " + action);
                return;
            }
            assumeRole(exchange, call);
        }
    }

    private void assumeRole(HttpExchange exchange, Call call) throws IOException {
        String roleArn = call.get("RoleArn") == null ? "" : call.get("RoleArn");
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        String session = call.get("RoleSessionName");
        if (roleName.startsWith("denied-")) {
            StsReplies.error(exchange, ERROR_REQUEST_ID,
                    403, "AccessDenied", "User: " + CALLER_ARN + " " + DENIED_MESSAGE + " on resource: "
                    + roleArn);
            return;
        }
        AccessKey key = AccessKey.random("ASIASTSE2E");
        String token = "IQoJb3JpZ2luX2VjE" + AccessKey.random("T").secret() + AccessKey.random("T").secret();
        issued.put(key.id(), new Issued(key, token, call));
        Instant expiration = Instant.now().plusSeconds(Long.parseLong(call.parameters()
                .getOrDefault("DurationSeconds", "3600"))).truncatedTo(ChronoUnit.SECONDS);
        StsReplies.send(exchange, 200, "<AssumeRoleResponse xmlns=\"" + NS + "\"><AssumeRoleResult>"
                + "<SourceIdentity>" + call.get("SourceIdentity") + "</SourceIdentity>"
                + "<AssumedRoleUser><AssumedRoleId>AROAE2EDOUBLE:" + session + "</AssumedRoleId>"
                + "<Arn>arn:aws:sts::123456789012:assumed-role/" + roleName + "/" + session + "</Arn>"
                + "</AssumedRoleUser><Credentials><AccessKeyId>" + key.id() + "</AccessKeyId>"
                + "<SecretAccessKey>" + StsReplies.xml(key.secret()) + "</SecretAccessKey><SessionToken>"
                + StsReplies.xml(token) + "</SessionToken><Expiration>" + expiration + "</Expiration></Credentials>"
                + "<PackedPolicySize>7</PackedPolicySize></AssumeRoleResult>"
                + "<ResponseMetadata><RequestId>e2e-" + calls.size() + "</RequestId></ResponseMetadata>"
                + "</AssumeRoleResponse>");
    }
}
