package io.gatehouse.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real OIDC provider (mock-oauth2-server, in this JVM, on 127.0.0.1) trusted through
 * etc/io.gatehouse.identity.issuer-corp.cfg: the AWS CLI's credential_process obtains a client-credentials token and
 * exchanges it; bad tokens are refused by {@code gatehouse credentials} with the gateway's reason.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OidcIdentityIT {

    static final SecretScan SCAN = new SecretScan();

    private static final String ISSUER_ID = "corp";
    private static final String CONFIG = "{\"interactiveLogin\":false,\"tokenCallbacks\":[{\"issuerId\":\"corp\","
            + "\"tokenExpiry\":300,\"requestMappings\":[{\"requestParam\":\"scope\",\"match\":\"gatehouse\","
            + "\"claims\":{\"sub\":\"ci-runner\",\"aud\":[\"gatehouse\"],\"groups\":[\"ci\"]}}]}]}";

    static MockOAuth2Server idp;
    static GatewayStack stack;

    @RegisterExtension
    static final DumpLogsOnFailure DUMP = new DumpLogsOnFailure(() -> stack);

    @BeforeAll
    static void start() throws Exception {
        idp = new MockOAuth2Server(OAuth2Config.Companion.fromJson(CONFIG));
        idp.start(InetAddress.getByName("127.0.0.1"), FreePort.pick());
        stack = GatewayStack.start("oidc-identity");
        stack.gatehouse.configure("io.gatehouse.identity.issuer-corp", Map.of(
                "issuer", idp.issuerUrl(ISSUER_ID).toString(), "audience", "gatehouse", "token.types", "JWT",
                "algorithms", "RS256", "groups.claim", "groups"));
        awaitIssuer();
    }

    @AfterAll
    static void stop() {
        Closing.all(stack, idp == null ? null : idp::shutdown);
    }

    private static void awaitIssuer() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        GatehouseCredentials.Result last = null;
        while (System.nanoTime() < deadline) {
            last = exchange(token("probe", "gatehouse", Map.of("groups", List.of("ci")), 300));
            if (last.exitCode() == 0) {
                return;
            }
            FreePort.sleep(Duration.ofMillis(500));
        }
        throw new AssertionError("the issuer did not come up: " + last);
    }

    private static String token(String subject, String audience, Map<String, Object> claims, long expirySeconds) {
        return idp.issueToken(ISSUER_ID, subject, audience, claims, expirySeconds).serialize();
    }

    private static GatehouseCredentials.Result exchange(String token) {
        try {
            Path file = Files.createTempFile(stack.workDir, "oidc-", ".token");
            Files.writeString(file, token);
            return GatehouseCredentials.run(stack.gatehouse, stack.workDir, Map.of(), "--token-file",
                    file.toString(), "--no-cache");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void awsCliWithClientCredentialsWorksThroughGatehouse() throws Exception {
        Path secret = Files.writeString(stack.workDir.resolve("client-secret"), "ci-runner-secret");
        String process = GatehouseCredentials.commandLine(stack.gatehouse, "--token-endpoint",
                idp.tokenEndpointUrl(ISSUER_ID).toString(), "--client-id", "ci-runner", "--client-secret-file",
                secret.toString(), "--oidc-scope", "gatehouse", "--cache-dir",
                stack.workDir.resolve("oidc-cache").toString());
        AwsCli cli = AwsCli.withConfig(stack.workDir, stack.gatehouse.endpoint(), GatewayStack.REGION,
                "[default]\nregion = " + GatewayStack.REGION + "\noutput = json\nmax_attempts = 1\n"
                        + "credential_process = " + process + "\n");

        AwsCli.Result listed = cli.run("dynamodb", "list-tables");
        SCAN.clientSaw(listed);

        assertThat(listed.ok()).as("%s", listed).isTrue();
        assertThat(stack.gatehouse.logText()).contains("caller=ci-runner");
        assertThat(stack.gatehouse.logText()).doesNotContain("ci-runner-secret");
    }

    @Test
    void anExpiredTokenIsRefused() {
        GatehouseCredentials.Result result = exchange(token("alice", "gatehouse", Map.of("groups", List.of("dev")),
                -120));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("HTTP 401", "expired");
    }

    @Test
    void expiryIsJudgedWithTheSkewOfAtMostSixtySeconds() {
        GatehouseCredentials.Result withinSkew = exchange(token("alice", "gatehouse", Map.of("groups",
                List.of("dev")), -30));
        GatehouseCredentials.Result beyondSkew = exchange(token("alice", "gatehouse", Map.of("groups",
                List.of("dev")), -62));

        assertThat(withinSkew.exitCode()).as("%s", withinSkew).isZero();
        assertThat(beyondSkew.stderr()).contains("HTTP 401", "expired");
    }

    @Test
    void anIdTokenIsNotAcceptedAsAnAccessToken() {
        GatehouseCredentials.Result result = exchange(token("alice", "gatehouse", Map.of("groups", List.of("dev"),
                "nonce", "n-0S6_WzA2Mj"), 300));

        assertThat(result.stderr()).contains("HTTP 401", "ID token");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        GatehouseCredentials.Result result = exchange(token("alice", "another-api", Map.of("groups",
                List.of("dev")), 300));

        assertThat(result.stderr()).contains("HTTP 401", "audience");
    }

    @Test
    void aTokenWithoutGroupsIsRefusedAsUnresolved() {
        GatehouseCredentials.Result result = exchange(token("alice", "gatehouse", Map.of(), 300));

        assertThat(result.stderr()).contains("HTTP 401", "unresolved");
    }

    @Test
    void aTokenOfAnUntrustedIssuerIsRefused() {
        String token = idp.issueToken("elsewhere", "alice", "gatehouse", Map.of("groups", List.of("dev")), 300)
                .serialize();

        assertThat(exchange(token).stderr()).contains("No trusted issuer");
    }

    @Test
    void hs256KeyedWithTheProvidersPublicKeyIsRefused() throws Exception {
        com.nimbusds.jose.jwk.JWKSet jwks = com.nimbusds.jose.jwk.JWKSet.load(new java.net.URL(
                idp.issuerUrl(ISSUER_ID) + "/jwks"));
        com.nimbusds.jose.jwk.RSAKey publicKey = (com.nimbusds.jose.jwk.RSAKey) jwks.getKeys().get(0);
        com.nimbusds.jwt.SignedJWT genuine = com.nimbusds.jwt.SignedJWT.parse(token("alice", "gatehouse",
                Map.of("groups", List.of("admin")), 300));
        com.nimbusds.jwt.SignedJWT forged = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(
                com.nimbusds.jose.JWSAlgorithm.HS256).keyID(publicKey.getKeyID())
                .type(com.nimbusds.jose.JOSEObjectType.JWT).build(), genuine.getJWTClaimsSet());
        forged.sign(new com.nimbusds.jose.crypto.MACSigner(publicKey.toRSAPublicKey().getEncoded()));

        GatehouseCredentials.Result result = exchange(forged.serialize());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("HTTP 401", "not accepted");
    }

    @Test
    void aTokenSignedByAnotherKeyUnderAKnownKidIsRefused() throws Exception {
        com.nimbusds.jwt.SignedJWT genuine = com.nimbusds.jwt.SignedJWT.parse(token("alice", "gatehouse",
                Map.of("groups", List.of("admin")), 300));
        com.nimbusds.jose.jwk.RSAKey attacker = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048)
                .keyID(genuine.getHeader().getKeyID()).generate();
        com.nimbusds.jwt.SignedJWT forged = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(
                com.nimbusds.jose.JWSAlgorithm.RS256).keyID(attacker.getKeyID())
                .type(com.nimbusds.jose.JOSEObjectType.JWT).jwk(attacker.toPublicJWK())
                .jwkURL(java.net.URI.create("http://127.0.0.1:1/attacker-jwks")).build(),
                genuine.getJWTClaimsSet());
        forged.sign(new com.nimbusds.jose.crypto.RSASSASigner(attacker));

        assertThat(exchange(forged.serialize()).stderr()).contains("HTTP 401", "not accepted");
    }

    @Test
    void oversizedAndNonJwsTokensAreRefusedBeforeParsing() {
        assertThat(exchange("x".repeat(20_000)).stderr()).contains("HTTP 401", "longer than");
        assertThat(exchange("a.b.c.d.e").stderr()).contains("HTTP 401", "three");
    }

    @Test
    void algNoneIsRefused() {
        String[] parts = token("alice", "gatehouse", Map.of("groups", List.of("admin")), 300).split("\\.");
        String unsigned = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";

        GatehouseCredentials.Result result = exchange(unsigned);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("HTTP 401");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void noUpstreamCredentialReachedAClientOrTheLog() {
        assertThat(SCAN.responses()).isGreaterThan(1);
        SCAN.assertClean(stack);
    }
}
