package io.gatehouse.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The issuer's JWKS as the gateway fetches it, against two mock-oauth2-servers: a flood of tokens with unknown key
 * ids fetches the JWKS a bounded number of times; while an issuer is down, its known keys keep working and
 * unknown keys are refused.
 */
class OidcJwksIT {

    static MockOAuth2Server steady;
    static MockOAuth2Server flaky;
    static GatewayStack stack;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final DumpLogsOnFailure DUMP = new DumpLogsOnFailure(() -> stack);

    @BeforeAll
    static void start() throws Exception {
        steady = new MockOAuth2Server();
        steady.start(InetAddress.getByName("127.0.0.1"), FreePort.pick());
        flaky = new MockOAuth2Server();
        flaky.start(InetAddress.getByName("127.0.0.1"), FreePort.pick());
        stack = GatewayStack.start("oidc-jwks");
        stack.gatehouse.configure("io.gatehouse.identity.issuer-steady", Map.of(
                "issuer", steady.issuerUrl("steady").toString(), "audience", "gatehouse", "token.types", "JWT",
                "jwks.min.refetch.seconds", "60"));
        stack.gatehouse.configure("io.gatehouse.identity.issuer-flaky", Map.of(
                "issuer", flaky.issuerUrl("flaky").toString(), "audience", "gatehouse", "token.types", "JWT",
                "jwks.cache.seconds", "2", "jwks.outage.tolerance.seconds", "600"));
        await(steady, "steady");
        await(flaky, "flaky");
    }

    @AfterAll
    static void stop() {
        Closing.all(stack, steady::shutdown, flaky::shutdown);
    }

    private static void await(MockOAuth2Server idp, String issuer) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = exchange(good(idp, issuer));
            if (last.statusCode() == 200) {
                return;
            }
            FreePort.sleep(Duration.ofMillis(500));
        }
        throw new AssertionError("issuer " + issuer + " did not come up: " + (last == null ? "-" : last.body()));
    }

    private static String good(MockOAuth2Server idp, String issuer) {
        return idp.issueToken(issuer, "alice", "gatehouse", Map.of("groups", List.of("dev")), 300).serialize();
    }

    private static String forged(String issuerUrl, String kid) throws Exception {
        RSAKey attacker = new RSAKeyGenerator(2048).keyID(kid).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid)
                .type(JOSEObjectType.JWT).build(), new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(issuerUrl)
                .audience("gatehouse").subject("mallory").issueTime(new java.util.Date())
                .expirationTime(new java.util.Date(System.currentTimeMillis() + 300_000))
                .claim("groups", List.of("admin")).build());
        jwt.sign(new RSASSASigner(attacker));
        return jwt.serialize();
    }

    private static HttpResponse<String> exchange(String token) throws Exception {
        String form = "grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange")
                + "&subject_token_type=" + enc("urn:ietf:params:oauth:token-type:access_token")
                + "&subject_token=" + enc(token);
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.gatehouse.controlPort()
                + "/api/v1/credentials")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Drains the requests the provider recorded; it throws when none arrives within the timeout. */
    private static int jwksFetches(MockOAuth2Server idp) {
        int fetches = 0;
        while (true) {
            RecordedRequest request;
            try {
                request = idp.takeRequest(200, TimeUnit.MILLISECONDS);
            } catch (RuntimeException drained) {
                return fetches;
            }
            if (request == null) {
                return fetches;
            }
            if (request.getPath() != null && request.getPath().endsWith("/jwks")) {
                fetches++;
            }
        }
    }

    @Test
    void aFloodOfUnknownKeyIdsFetchesTheJwksABoundedNumberOfTimes() throws Exception {
        jwksFetches(steady);
        String issuer = steady.issuerUrl("steady").toString();

        for (int i = 0; i < 100; i++) {
            HttpResponse<String> response = exchange(forged(issuer, "unknown-" + i));
            assertThat(response.statusCode()).as(response.body()).isIn(401, 503);
        }

        assertThat(jwksFetches(steady)).as("JWKS fetches during 100 unknown-kid tokens").isLessThanOrEqualTo(1);
        assertThat(exchange(good(steady, "steady")).statusCode()).isEqualTo(200);
    }

    @Test
    void whileTheIssuerIsDownKnownKeysWorkAndUnknownKeysAreRefused() throws Exception {
        String known = good(flaky, "flaky");
        String issuer = flaky.issuerUrl("flaky").toString();
        flaky.shutdown();
        FreePort.sleep(Duration.ofSeconds(3));

        HttpResponse<String> knownAnswer = exchange(known);
        HttpResponse<String> unknownAnswer = exchange(forged(issuer, "unknown-during-outage"));

        assertThat(knownAnswer.statusCode()).as(knownAnswer.body()).isEqualTo(200);
        assertThat(unknownAnswer.statusCode()).as(unknownAnswer.body()).isIn(401, 503);
    }
}
