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

    // A token has one spelling: found by fuzzing, nimbus' lenient base64url accepted other spellings of a signed
    // token, and ECDSA the high-S twin of a signature.

    /** The last character of a base64url part with its unused low bits changed: the same bytes to a lenient decoder. */
    private static String trailingBitsSet(String part) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int value = alphabet.indexOf(part.charAt(part.length() - 1));
        return part.substring(0, part.length() - 1) + alphabet.charAt(value ^ 1);
    }

    private static String withSignature(String token, String signature) {
        return token.substring(0, token.lastIndexOf('.') + 1) + signature;
    }

    @Test
    void anotherSpellingOfASignedTokensSignatureIsRefused() throws Exception {
        String token = signed(claims());
        String signature = token.substring(token.lastIndexOf('.') + 1);
        assertThat(signature.length() % 4).as("RS256 with 2048 bits: 256 bytes, 4 unused bits").isEqualTo(2);

        assertThat(refusal(token)).isEqualTo("accepted");
        assertThat(refusal(token + "=")).contains("not canonical unpadded base64url");
        assertThat(refusal(token + "==")).contains("not canonical unpadded base64url");
        assertThat(refusal(withSignature(token, trailingBitsSet(signature))))
                .contains("not canonical unpadded base64url");
    }

    @Test
    void anotherSpellingOfTheHeaderOrClaimsIsRefused() throws Exception {
        String[] parts = signed(claims()).split("\\.");
        for (int part = 0; part < 2; part++) {
            String[] padded = parts.clone();
            padded[part] = parts[part] + "=";
            assertThat(refusal(String.join(".", padded))).as("part %s padded", part)
                    .contains("not canonical unpadded base64url");
        }
    }

    @Test
    void canonicalBase64UrlIsTheOneSpellingOfTheBytes() {
        assertThat(io.gatehouse.identity.internal.jose.Base64UrlSpelling.isCanonical("")).isTrue();
        assertThat(io.gatehouse.identity.internal.jose.Base64UrlSpelling.isCanonical("QQ")).isTrue();   // "A"
        assertThat(io.gatehouse.identity.internal.jose.Base64UrlSpelling.isCanonical("QR")).isFalse();  // "A", unused bits set
        assertThat(io.gatehouse.identity.internal.jose.Base64UrlSpelling.isCanonical("QQ==")).isFalse();
        assertThat(io.gatehouse.identity.internal.jose.Base64UrlSpelling.isCanonical("QUI")).isTrue();  // "AB"
        assertThat(io.gatehouse.identity.internal.jose.Base64UrlSpelling.isCanonical("QUJ")).isFalse();
        assertThat(io.gatehouse.identity.internal.jose.Base64UrlSpelling.isCanonical("QUJD")).isTrue(); // "ABC"
        assertThat(io.gatehouse.identity.internal.jose.Base64UrlSpelling.isCanonical("Q")).isFalse();
        assertThat(io.gatehouse.identity.internal.jose.Base64UrlSpelling.isCanonical("+/8")).isFalse();
        assertThat(io.gatehouse.identity.internal.jose.Base64UrlSpelling.isCanonical("-_8")).isTrue();
        assertThat(io.gatehouse.identity.internal.jose.Base64UrlSpelling.isCanonical("QU I")).isFalse();
        assertThat(io.gatehouse.identity.internal.jose.Base64UrlSpelling.isCanonical("QU\nI")).isFalse();
    }

    /** An ECDSA JOSE signature (R then S) with S replaced by n - S: it verifies as well. */
    private static byte[] highSTwin(byte[] signature, java.math.BigInteger order) {
        int half = signature.length / 2;
        java.math.BigInteger s = new java.math.BigInteger(1, java.util.Arrays.copyOfRange(signature, half,
                signature.length));
        byte[] twin = order.subtract(s).toByteArray();
        byte[] out = signature.clone();
        java.util.Arrays.fill(out, half, out.length, (byte) 0);
        int length = Math.min(twin.length, half);
        System.arraycopy(twin, twin.length - length, out, out.length - length, length);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "ES384", "ES512"})
    void bothHalvesOfAnEcdsaSignaturePairAreAcceptedBecauseProvidersSignBoth(String name) throws Exception {
        JWSAlgorithm algorithm = JWSAlgorithm.parse(name);
        com.nimbusds.jose.jwk.Curve curve = com.nimbusds.jose.jwk.Curve.forJWSAlgorithm(algorithm).iterator().next();
        com.nimbusds.jose.jwk.ECKey ec = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(curve).keyID("e1").generate();
        java.math.BigInteger order = curve.toECParameterSpec().getOrder();
        OidcTokenVerifier es = new OidcTokenVerifier(new OidcSettings("corp", ISSUER, Set.of("gatehouse"),
                Set.of(algorithm), Set.of(JOSEObjectType.JWT), false, "groups", 4, List.of(), 16384, 60),
                new ImmutableJWKSet<>(new JWKSet(ec.toPublicJWK())), Clock.fixed(NOW, ZoneOffset.UTC));
        String low = null;
        String high = null;
        // the JDK's ECDSA does not normalise S: sign until one of each half comes out
        for (int attempt = 0; attempt < 64 && (low == null || high == null); attempt++) {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID("e1").type(JOSEObjectType.JWT)
                    .build(), claims().jwtID("t" + attempt).build());
            jwt.sign(new com.nimbusds.jose.crypto.ECDSASigner(ec));
            byte[] signature = jwt.getSignature().decode();
            boolean isLow = new java.math.BigInteger(1, java.util.Arrays.copyOfRange(signature,
                    signature.length / 2, signature.length)).compareTo(order.shiftRight(1)) <= 0;
            if (isLow && low == null) {
                low = jwt.serialize();
            } else if (!isLow && high == null) {
                high = jwt.serialize();
            }
        }
        assertThat(low).isNotNull();
        assertThat(high).isNotNull();
        String lowSignature = low.substring(low.lastIndexOf('.') + 1);
        String twin = Base64URL.encode(highSTwin(new Base64URL(lowSignature).decode(), order)).toString();
        assertThat(SignedJWT.parse(withSignature(low, twin)).verify(new com.nimbusds.jose.crypto.ECDSAVerifier(ec)))
                .as("the high-S twin verifies with the JDK").isTrue();

        // Identity providers signing with the JDK (or any signer that does not normalise S) issue high-S tokens
        // about half the time: refusing them would refuse valid sign-ins. The twin is no forgery: it needs a
        // token the provider signed, for the same claims.
        assertThat(refusal(es, low)).isEqualTo("accepted");
        assertThat(refusal(es, high)).isEqualTo("accepted");
        assertThat(refusal(es, withSignature(low, twin))).isEqualTo("accepted");
        assertThat(refusal(es, low + "=")).contains("not canonical unpadded base64url");
        if (lowSignature.length() % 4 != 0) {
            // ES256: 64 bytes in 86 characters, the last 4 bits unused (ES384 and ES512 fill their characters)
            assertThat(refusal(es, withSignature(low, trailingBitsSet(lowSignature))))
                    .contains("not canonical unpadded base64url");
        }
    }
}
