package io.gatehouse.identity.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.gatehouse.identity.internal.FuzzSeeds;
import io.gatehouse.identity.internal.exchange.OAuthError;
import io.gatehouse.identity.internal.exchange.VerifiedSubject;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fuzz targets of OIDC subject-token verification ({@link OidcTokenVerifier}): the size and nesting checks made
 * before parsing, the parse, the signature and the claim rules. Under a normal build they run the committed seeds in
 * {@code OidcTokenFuzzTestInputs/<method>/} (regression mode); with {@code JAZZER_FUZZ=1} Jazzer mutates them (see
 * the module README). Inputs are read as UTF-8 text (malformed bytes replaced).
 *
 * <p>The verifier trusts one fixed ES256 test key ({@link #TRUSTED_KEY}); the seeds named {@code signed-*} were
 * signed with it before being committed (some valid, some breaking a claim rule), and the test itself only ever
 * uses its public half. Invariants: any text is refused with {@link OAuthError} 401 {@code invalid_request}
 * (whose message never echoes the token), left to other issuers (empty, only when the token names another
 * issuer) or accepted; the outcome is deterministic; an accepted token is at most {@code maxTokenChars} long,
 * nested at most 16 levels, verifies with the trusted key, carries the signature part of a {@code signed-*} seed
 * unchanged (the fuzzer cannot sign, and a token has one spelling) and satisfies every claim rule; and the
 * nesting count made before parsing never counts less than what the JSON parser then builds.
 */
class OidcTokenFuzzTest {

    /**
     * The trusted test key, private half included so that new valid seeds can be signed with it (never used
     * outside this test): {@code new SignedJWT(header, claims).sign(new ECDSASigner(ECKey.parse(TRUSTED_KEY)))}.
     */
    static final String TRUSTED_KEY = "{\"kty\":\"EC\",\"d\":\"yVyaNkYGEJgLdxK-813jSIJmzjAEUjRFYZor7jh1p84\","
            + "\"crv\":\"P-256\",\"kid\":\"fuzz-k1\",\"x\":\"EYX9saWQuDwfJE7zL60PJlwWBRgoTAzbh7KBShnGT3A\","
            + "\"y\":\"wHDjKlcGbSjfeIGiohS7pOCf6jrR4QAgHsMu6_lT8Q8\"}";
    private static final String ISSUER = "https://idp.example/fuzz";
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final int MAX_TOKEN_CHARS = 4096;
    private static final int SKEW = 60;
    private static final String MAPPED_GROUP = "deployers";
    private static final OidcSettings SETTINGS = new OidcSettings("fuzz", ISSUER, Set.of("gatehouse"),
            Set.of(JWSAlgorithm.ES256), Set.of(JOSEObjectType.JWT, new JOSEObjectType("at+jwt")), false, "groups", 4,
            List.of("azp:ci-runner=" + MAPPED_GROUP), MAX_TOKEN_CHARS, SKEW);
    private static final ECKey PUBLIC_KEY = publicKey();
    private static final OidcTokenVerifier VERIFIER = new OidcTokenVerifier(SETTINGS,
            new ImmutableJWKSet<>(new JWKSet(PUBLIC_KEY)), Clock.fixed(NOW, ZoneOffset.UTC));
    private static final Set<String> SEED_SIGNATURES = withEcdsaTwins(
            FuzzSeeds.signatureParts(OidcTokenFuzzTest.class, "verify"));

    /**
     * The seeds' signatures and their ECDSA twins (R, n - S), which verify as well and are accepted, as identity
     * providers whose signers do not normalise S issue both halves.
     */
    private static Set<String> withEcdsaTwins(Set<String> signatures) {
        java.math.BigInteger order = com.nimbusds.jose.jwk.Curve.P_256.toECParameterSpec().getOrder();
        Set<String> all = new java.util.HashSet<>(signatures);
        for (String signature : signatures) {
            byte[] bytes = new Base64URL(signature).decode();
            if (bytes.length == 64) {
                byte[] s = order.subtract(new java.math.BigInteger(1, java.util.Arrays.copyOfRange(bytes, 32, 64)))
                        .toByteArray();
                byte[] twin = bytes.clone();
                java.util.Arrays.fill(twin, 32, 64, (byte) 0);
                int length = Math.min(s.length, 32);
                System.arraycopy(s, s.length - length, twin, 64 - length, length);
                all.add(Base64URL.encode(twin).toString());
            }
        }
        return Set.copyOf(all);
    }

    /** The whole input is the token. */
    @FuzzTest(maxDuration = "2m")
    void verify(byte[] data) throws Exception {
        String token = new String(data, StandardCharsets.UTF_8);
        String outcome = outcome(token);
        assertThat(outcome(token)).as("deterministic").isEqualTo(outcome);
        if (token.length() > MAX_TOKEN_CHARS) {
            assertThat(outcome).startsWith("refused").contains("longer than " + MAX_TOKEN_CHARS);
        }
        if (outcome.startsWith("refused")) {
            return;
        }
        SignedJWT jwt = SignedJWT.parse(token);
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        if (outcome.equals("other issuer")) {
            assertThat(claims.getIssuer()).isNotEqualTo(ISSUER);
            return;
        }
        VerifiedSubject subject = VERIFIER.verify(token).orElseThrow();
        String[] parts = token.split("\\.", -1);
        assertThat(OidcTokenVerifier.depth(new Base64URL(parts[0]).decode())).isLessThanOrEqualTo(16);
        assertThat(OidcTokenVerifier.depth(new Base64URL(parts[1]).decode())).isLessThanOrEqualTo(16);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(SETTINGS.tokenTypes()).contains(jwt.getHeader().getType());
        assertThat(jwt.verify(new ECDSAVerifier(PUBLIC_KEY))).as("signed with the trusted key").isTrue();
        assertThat(SEED_SIGNATURES).as("signature part of a committed seed (or its ECDSA twin), unchanged").contains(parts[2]);

        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getAudience()).contains("gatehouse");
        assertThat(claims.getExpirationTime().toInstant().plusSeconds(SKEW)).isAfter(NOW);
        assertThat(claims.getIssueTime().toInstant()).isBeforeOrEqualTo(NOW.plusSeconds(SKEW));
        if (claims.getNotBeforeTime() != null) {
            assertThat(claims.getNotBeforeTime().toInstant()).isBeforeOrEqualTo(NOW.plusSeconds(SKEW));
        }
        assertThat(claims.getClaim("nonce")).isNull();
        assertThat(claims.getClaim("at_hash")).isNull();
        assertThat(claims.getClaim("c_hash")).isNull();
        assertThat(subject.subject()).isNotBlank().isEqualTo(claims.getSubject());
        assertThat(subject.issuer()).isEqualTo("fuzz");
        List<String> groups = claims.getStringListClaim("groups");
        assertThat(groups).hasSizeLessThanOrEqualTo(4);
        Set<String> allowed = new HashSet<>(groups);
        allowed.add(MAPPED_GROUP);
        assertThat(subject.groups()).containsAll(groups).isSubsetOf(allowed);
    }

    /**
     * Any bytes as a decoded header or payload: the nesting count made before parsing never counts less than the
     * nesting the JSON parser builds from the same bytes, so nothing deeper than the limit reaches the parser.
     */
    @FuzzTest(maxDuration = "2m")
    void nestingCheck(byte[] data) {
        int counted = OidcTokenVerifier.depth(data);
        assertThat(counted).isBetween(0, data.length);
        Map<String, Object> parsed;
        try {
            parsed = JSONObjectUtils.parse(new String(data, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            return;
        }
        assertThat(counted).as("pre-parse count against the parsed nesting").isGreaterThanOrEqualTo(depth(parsed));
    }

    private static String outcome(String token) {
        try {
            Optional<VerifiedSubject> subject = VERIFIER.verify(token);
            return subject.map(VerifiedSubject::toString).orElse("other issuer");
        } catch (OAuthError e) {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.error()).isEqualTo("invalid_request");
            assertThat(e.getMessage()).startsWith("The subject token is refused by issuer fuzz: ").hasSizeLessThan(600);
            if (token.length() >= 16) {
                assertThat(e.getMessage()).as("never echoes the token").doesNotContain(token);
            }
            return "refused: " + e.getMessage();
        } catch (RuntimeException e) {
            throw new AssertionError("an undocumented exception escaped the verifier", e);
        }
    }

    private static int depth(Object value) {
        if (value instanceof Map<?, ?> map) {
            return 1 + map.values().stream().mapToInt(OidcTokenFuzzTest::depth).max().orElse(0);
        }
        if (value instanceof List<?> list) {
            return 1 + list.stream().mapToInt(OidcTokenFuzzTest::depth).max().orElse(0);
        }
        return 0;
    }

    private static ECKey publicKey() {
        try {
            return ECKey.parse(TRUSTED_KEY).toPublicJWK();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
