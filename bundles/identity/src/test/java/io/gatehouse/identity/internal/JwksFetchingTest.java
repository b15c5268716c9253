package io.gatehouse.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.gatehouse.identity.internal.exchange.OAuthError;
import io.gatehouse.identity.internal.oidc.OidcSettings;
import io.gatehouse.identity.internal.oidc.OidcTokenVerifier;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JWKS as the gateway fetches it: a flood of unknown key ids and an endpoint outage, against a real server. */
class JwksFetchingTest {

    private static final String ISSUER = "https://idp.example/corp";

    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicBoolean down = new AtomicBoolean();
    private HttpServer server;
    private RSAKey key;

    @BeforeEach
    void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            if (down.get()) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                exchange.getResponseBody().write(jwks);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private OidcTokenVerifier verifier(long cacheSeconds, long refetchSeconds, long outageSeconds) throws Exception {
        OidcSettings settings = new OidcSettings("corp", ISSUER, Set.of("gatehouse"), Set.of(JWSAlgorithm.RS256),
                Set.of(JOSEObjectType.JWT), false, "groups", 16, List.of(), 16384, 60);
        return new OidcTokenVerifier(settings, OidcIssuer.jwkSource(URI.create("http://127.0.0.1:"
                + server.getAddress().getPort() + "/jwks").toURL(), cacheSeconds, refetchSeconds, outageSeconds),
                Clock.systemUTC());
    }

    private String token(String kid, RSAKey with) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(JOSEObjectType.JWT)
                .build(), new JWTClaimsSet.Builder().issuer(ISSUER).audience("gatehouse").subject("alice")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .claim("groups", List.of("dev")).build());
        jwt.sign(new RSASSASigner(with));
        return jwt.serialize();
    }

    @Test
    void aFloodOfUnknownKeyIdsFetchesTheJwksABoundedNumberOfTimes() throws Exception {
        OidcTokenVerifier verifier = verifier(300, 30, 900);
        RSAKey attacker = new RSAKeyGenerator(2048).generate();
        assertThat(verifier.verify(token("k1", key))).isPresent();

        for (int i = 0; i < 200; i++) {
            String forged = token("unknown-" + i, attacker);
            assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(OAuthError.class);
        }

        assertThat(fetches.get()).as("JWKS fetches for 1 good and 200 unknown-kid tokens").isLessThanOrEqualTo(2);
    }

    @Test
    void aFetchIntervalLongerThanTheCacheIsCapped() throws Exception {
        assertThat(verifier(2, 30, 600).verify(token("k1", key))).isPresent();
    }

    @Test
    void whenTheJwksIsDownKnownKeysKeepWorkingAndUnknownKeysAreRefused() throws Exception {
        OidcTokenVerifier verifier = verifier(1, 0, 900);
        assertThat(verifier.verify(token("k1", key))).isPresent();
        down.set(true);
        Thread.sleep(1500);

        assertThat(verifier.verify(token("k1", key))).as("known key during the outage").isPresent();
        RSAKey other = new RSAKeyGenerator(2048).keyID("k2").generate();
        assertThatThrownBy(() -> verifier.verify(token("k2", other))).isInstanceOf(OAuthError.class);
        assertThat(fetches.get()).isGreaterThan(1);
    }
}
