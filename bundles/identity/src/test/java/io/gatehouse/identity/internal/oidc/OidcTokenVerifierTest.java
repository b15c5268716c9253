package io.gatehouse.identity.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.gatehouse.identity.internal.exchange.OAuthError;
import io.gatehouse.identity.internal.exchange.VerifiedSubject;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Token attacks and boundaries against one issuer with an in-memory JWKS. */
class OidcTokenVerifierTest {

    private static final String ISSUER = "https://idp.example/default";
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static RSAKey key;
    private static RSAKey stranger;

    @BeforeAll
    static void keys() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        stranger = new RSAKeyGenerator(2048).keyID("k1").generate();
    }

    private static OidcSettings settings(List<String> mappings) {
        return new OidcSettings("corp", ISSUER, Set.of("gatehouse"), Set.of(JWSAlgorithm.RS256),
                Set.of(JOSEObjectType.JWT, new JOSEObjectType("at+jwt")), false, "groups", 4, mappings, 16384, 60);
    }

    private static OidcTokenVerifier verifierAt(Instant now, List<String> mappings) {
        return new OidcTokenVerifier(settings(mappings), new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private final OidcTokenVerifier verifier = verifierAt(NOW, List.of());

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience("gatehouse").subject("alice")
                .issueTime(Date.from(NOW.minusSeconds(10))).expirationTime(Date.from(NOW.plusSeconds(300)))
                .claim("groups", List.of("dev"));
    }

    private static String signed(JWTClaimsSet.Builder claims) throws Exception {
        return signed(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").type(JOSEObjectType.JWT).build(),
                claims, key);
    }

    private static String signed(JWSHeader header, JWTClaimsSet.Builder claims, RSAKey with) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims.build());
        jwt.sign(new RSASSASigner(with));
        return jwt.serialize();
    }

    private String refusal(String token) {
        return refusal(verifier, token);
    }

    private static String refusal(OidcTokenVerifier verifier, String token) {
        try {
            verifier.verify(token);
            return "accepted";
        } catch (OAuthError e) {
            assertThat(e.status()).isEqualTo(401);
            return e.getMessage();
        }
    }

    @Test
    void aGoodTokenGivesSubjectAndGroups() throws Exception {
        VerifiedSubject subject = verifier.verify(signed(claims())).orElseThrow();

        assertThat(subject.subject()).isEqualTo("alice");
        assertThat(subject.groups()).containsExactly("dev");
    }

    @Test
    void anotherIssuersTokenIsLeftToOthers() throws Exception {
        assertThat(verifier.verify(signed(claims().issuer("https://other.example")))).isEmpty();
    }

    @Test
    void algNoneIsRefused() {
        String token = new PlainJWT(claims().build()).serialize();
        String relabelled = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"k1\"}") + "." + token.split("\\.")[1]
                + ".c2ln";

        assertThat(refusal(token)).contains("cannot be parsed");
        assertThat(refusal(relabelled)).contains("cannot be parsed");
    }

    @Test
    void hs256KeyedWithThePublicKeyIsRefused() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").type(JOSEObjectType.JWT)
                .build(), claims().build());
        jwt.sign(new MACSigner(key.toPublicJWK().toRSAPublicKey().getEncoded()));

        assertThat(refusal(jwt.serialize())).contains("not accepted");
    }

    @Test
    void aTokenSignedByAnotherKeyWithTheSameKidIsRefused() throws Exception {
        assertThat(refusal(signed(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").type(JOSEObjectType.JWT)
                .build(), claims(), stranger))).contains("not accepted");
    }

    @Test
    void keysNamedInTheTokenAreNeverUsed() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").type(JOSEObjectType.JWT)
                .jwkURL(URI.create("https://attacker.example/jwks")).x509CertURL(URI.create("https://attacker.example/c"))
                .jwk(stranger.toPublicJWK()).build();

        assertThat(refusal(signed(header, claims(), stranger))).contains("not accepted");
    }

    @Test
    void anUnacceptedTypeIsRefused() throws Exception {
        assertThat(refusal(signed(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1")
                .type(new JOSEObjectType("logout+jwt")).build(), claims(), key))).contains("not accepted");
    }

    @Test
    void expiryIsJudgedExactlyAtTheSkewBoundary() throws Exception {
        String token = signed(claims().expirationTime(Date.from(NOW)));

        assertThat(refusal(verifierAt(NOW.plusSeconds(59), List.of()), token)).isEqualTo("accepted");
        assertThat(refusal(verifierAt(NOW.plusSeconds(60), List.of()), token)).contains("expired");
    }

    @Test
    void notBeforeIsJudgedExactlyAtTheSkewBoundary() throws Exception {
        String token = signed(claims().notBeforeTime(Date.from(NOW.plusSeconds(60))));
        String later = signed(claims().notBeforeTime(Date.from(NOW.plusSeconds(61))));

        assertThat(refusal(token)).isEqualTo("accepted");
        assertThat(refusal(later)).contains("not valid before");
    }

    @Test
    void issuedInTheFutureIsJudgedExactlyAtTheSkewBoundary() throws Exception {
        assertThat(refusal(signed(claims().issueTime(Date.from(NOW.plusSeconds(60)))))).isEqualTo("accepted");
        assertThat(refusal(signed(claims().issueTime(Date.from(NOW.plusSeconds(61)))))).contains("future");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nonce", "at_hash", "c_hash"})
    void anIdTokenIsNotAnAccessToken(String claim) throws Exception {
        assertThat(refusal(signed(claims().claim(claim, "x")))).contains("ID token");
    }

    @Test
    void wrongAudienceIsRefused() throws Exception {
        assertThat(refusal(signed(claims().audience("some-client")))).contains("audience");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sub", "aud", "exp", "iat"})
    void everyRequiredClaimIsRequired(String claim) throws Exception {
        UnaryOperator<JWTClaimsSet.Builder> drop = b -> b.claim(claim, null);

        assertThat(refusal(signed(drop.apply(claims())))).contains("required claims");
    }

    @Test
    void missingOrOverflowingOrMalformedGroupsAreUnresolved() throws Exception {
        assertThat(refusal(signed(claims().claim("groups", null)))).contains("unresolved");
        assertThat(refusal(signed(claims().claim("groups", List.of("a", "b", "c", "d", "e"))))).contains("unresolved");
        assertThat(refusal(signed(claims().claim("groups", "dev")))).contains("unresolved");
    }

    @Test
    void groupMappingsAddGroupsFromOtherClaims() throws Exception {
        OidcTokenVerifier mapped = verifierAt(NOW, List.of("azp:ci-runner=deployers", "groups:dev=developers"));

        VerifiedSubject subject = mapped.verify(signed(claims().claim("azp", "ci-runner"))).orElseThrow();

        assertThat(subject.groups()).containsExactlyInAnyOrder("dev", "deployers", "developers");
    }

    @Test
    void oversizedTokensAreRefusedBeforeParsing() {
        assertThat(refusal("a".repeat(16385))).contains("longer than");
    }

    @Test
    void deeplyNestedTokensAreRefusedBeforeParsing() throws Exception {
        String nested = "{\"a\":".repeat(100) + "1" + "}".repeat(100);
        String header = Base64URL.encode("{\"alg\":\"RS256\",\"kid\":\"k1\",\"typ\":\"JWT\"}").toString();

        assertThat(refusal(header + "." + Base64URL.encode(nested) + ".c2ln")).contains("nested");
        assertThat(OidcTokenVerifier.depth("{\"x\":\"{{{{[[[[\"}".getBytes())).isEqualTo(1);
    }

    @Test
    void encryptedOrMalformedTokensAreRefused() {
        assertThat(refusal("a.b.c.d.e")).contains("three");
        assertThat(refusal("not-a-token")).contains("three");
    }

    @Test
    void settingsRefuseSymmetricAlgorithmsAndSkewOverSixtySeconds() {
        assertThatThrownBy(() -> new OidcSettings("x", ISSUER, Set.of("a"), Set.of(JWSAlgorithm.HS256),
                Set.of(JOSEObjectType.JWT), false, "groups", 4, List.of(), 100, 60))
                .hasMessageContaining("asymmetric");
        assertThatThrownBy(() -> new OidcSettings("x", ISSUER, Set.of("a"), Set.of(JWSAlgorithm.RS256),
                Set.of(JOSEObjectType.JWT), false, "groups", 4, List.of(), 100, 61))
                .hasMessageContaining("skew");
    }
}
