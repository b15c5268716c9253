package io.gatehouse.identity.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.identity.AuthenticationException;
import io.gatehouse.api.identity.ResolvedCredential;
import io.gatehouse.identity.internal.FuzzSeeds;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fuzz target of gateway session-token verification: {@link SessionTokens#read} and, on top of it,
 * {@link GatewaySessions#verify} (expiry, revocation of the session and its ancestors) and
 * {@link GatewaySessions#resolve} (the data plane). Under a normal build it runs the committed seeds in
 * {@code SessionTokenFuzzTestInputs/read/} (regression mode); with {@code JAZZER_FUZZ=1} Jazzer mutates them (see
 * the module README). The whole input, read as UTF-8 text, is the token.
 *
 * <p>The gateway key is the fixed key of {@code GatewaySessionsTest} (bytes 1..32); the seeds named {@code
 * signed-*} were signed with it (some are refused for their claims, expiry or revocation). Invariants: reading
 * refuses only with {@link InvalidSessionTokenException}, verifying and resolving only with {@link
 * AuthenticationException} and its documented codes; no message echoes the token; the outcome is deterministic;
 * a token read is at most {@value SessionTokens#MAX_TOKEN_CHARS} chars, HS256 of type {@code
 * gatehouse-session+jwt}, verifies with the key, carries the signature part of a {@code signed-*} seed unchanged
 * (one spelling per token), has a delegation chain within {@value SessionTokens#MAX_CHAIN} and survives a
 * write/read round trip; a verified token is unexpired and not revoked; and a resolved one gives the identity
 * and secret of its own session only.
 */
class SessionTokenFuzzTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final GatewayKey KEY = GatewayKey.fromBase64(Base64.getEncoder().encodeToString(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32}));
    private static final String REVOKED = "gs-revoked";
    private static final SessionTokens TOKENS = new SessionTokens(KEY);
    private static final GatewaySessions SESSIONS = sessions();
    private static final Set<String> CODES = Set.of(AuthenticationException.INVALID_TOKEN,
            AuthenticationException.EXPIRED_TOKEN, AuthenticationException.UNRECOGNIZED_CLIENT);
    private static final Set<String> SEED_SIGNATURES = FuzzSeeds.signatureParts(SessionTokenFuzzTest.class, "read");

    @FuzzTest(maxDuration = "2m")
    void read(byte[] data) throws Exception {
        String token = new String(data, StandardCharsets.UTF_8);
        Optional<SessionClaims> read = readOrRefuse(token);
        assertThat(readOrRefuse(token)).as("deterministic").isEqualTo(read);
        Optional<SessionClaims> verified = verifyOrRefuse(token, read.isEmpty());
        assertThat(verifyOrRefuse(token, read.isEmpty())).as("deterministic").isEqualTo(verified);
        verified.ifPresent(claims -> assertThat(read).contains(claims));

        String accessKeyId = read.map(claims -> KEY.accessKeyIdOf(claims.sessionId())).orElse("GHSAAAAAAAAAAAAAAAAA");
        Optional<ResolvedCredential> resolved = resolveOrRefuse(accessKeyId, token);
        assertThat(resolved.isPresent()).as("resolved exactly when verified").isEqualTo(verified.isPresent());
        if (read.isEmpty()) {
            return;
        }
        SessionClaims claims = read.get();
        assertThat(token.length()).isLessThanOrEqualTo(SessionTokens.MAX_TOKEN_CHARS);
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.getHeader().getType()).isEqualTo(SessionTokens.TYPE);
        assertThat(jwt.verify(new MACVerifier(KEY.jwsKey()))).as("signed with the gateway key").isTrue();
        assertThat(SEED_SIGNATURES).as("signature part of a committed seed, unchanged")
                .contains(token.split("\\.", -1)[2]);
        assertThat(claims.delegationChain()).hasSizeLessThanOrEqualTo(SessionTokens.MAX_CHAIN);
        assertThat(TOKENS.read(TOKENS.write(claims))).as("written and read again").isEqualTo(claims);

        if (verified.isPresent()) {
            assertThat(claims.expiresAt()).isAfter(NOW);
            List<String> lineage = new ArrayList<>(claims.ancestors());
            lineage.add(claims.sessionId());
            assertThat(lineage).doesNotContain(REVOKED);
            Identity identity = resolved.get().identity();
            assertThat(identity.subject()).isEqualTo(claims.subject());
            assertThat(identity.sessionId()).isEqualTo(claims.sessionId());
            assertThat(resolved.get().signingSecret()).isEqualTo(KEY.secretOf(claims.sessionId()));
            String otherKeyId = KEY.accessKeyIdOf(claims.sessionId() + "-other");
            assertThat(resolveOrRefuse(otherKeyId, token)).as("another session's access key id").isEmpty();
        }
    }

    private static Optional<SessionClaims> readOrRefuse(String token) {
        try {
            return Optional.of(TOKENS.read(token));
        } catch (InvalidSessionTokenException e) {
            assertThat(e.getMessage()).startsWith("the session token ");
            assertNoEcho(e.getMessage(), token);
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new AssertionError("an undocumented exception escaped SessionTokens.read", e);
        }
    }

    private static Optional<SessionClaims> verifyOrRefuse(String token, boolean unreadable) {
        try {
            return Optional.of(SESSIONS.verify(token));
        } catch (AuthenticationException e) {
            assertThat(CODES).contains(e.code());
            if (unreadable) {
                assertThat(e.code()).isEqualTo(AuthenticationException.INVALID_TOKEN);
            }
            assertNoEcho(e.getMessage(), token);
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new AssertionError("an undocumented exception escaped GatewaySessions.verify", e);
        }
    }

    /** Empty when refused: a GHS key id is always this resolver's to answer. */
    private static Optional<ResolvedCredential> resolveOrRefuse(String accessKeyId, String token) {
        try {
            Optional<ResolvedCredential> resolved = SESSIONS.resolve(accessKeyId, Optional.of(token));
            assertThat(resolved).as("a GHS key id is answered or refused, never passed on").isPresent();
            return resolved;
        } catch (AuthenticationException e) {
            assertThat(CODES).contains(e.code());
            assertNoEcho(e.getMessage(), token);
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new AssertionError("an undocumented exception escaped GatewaySessions.resolve", e);
        }
    }

    private static void assertNoEcho(String message, String token) {
        assertThat(message).isNotBlank().hasSizeLessThan(600);
        if (token.length() >= 16) {
            assertThat(message).as("never echoes the token").doesNotContain(token);
        }
    }

    private static GatewaySessions sessions() {
        RevocationList revocations = new RevocationList(CLOCK);
        revocations.revoke(REVOKED, NOW.plusSeconds(3600));
        return new GatewaySessions(KEY, CLOCK, revocations);
    }
}
