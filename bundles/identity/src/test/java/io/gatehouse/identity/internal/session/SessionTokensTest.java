package io.gatehouse.identity.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A session token has one spelling. Found by fuzzing: nimbus' lenient base64url read a signed token with {@code =}
 * appended to its signature, or with the unused low bits of its last character set, as the same token.
 */
class SessionTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private final SessionTokens tokens = new SessionTokens(GatewayKey.fromBase64(GatewaySessionsTest.KEY));

    private String token() {
        return tokens.write(new SessionClaims("gs-1", "alice", Set.of("dev"), List.of("agent-1"),
                new SessionScope(List.of("dynamodb:Get*"), List.of("arn:aws:dynamodb:*:*:table/Orders")), "report",
                NOW, NOW.plusSeconds(600), List.of()));
    }

    private String refusal(String token) {
        InvalidSessionTokenException e = catchThrowableOfType(InvalidSessionTokenException.class,
                () -> tokens.read(token));
        return e == null ? "accepted" : e.getMessage();
    }

    private static String trailingBitsSet(String part) {
        int value = ALPHABET.indexOf(part.charAt(part.length() - 1));
        return part.substring(0, part.length() - 1) + ALPHABET.charAt(value ^ 1);
    }

    @Test
    void aTokenItWroteIsRead() throws Exception {
        assertThat(tokens.read(token()).sessionId()).isEqualTo("gs-1");
    }

    @Test
    void aPaddedSignatureIsRefused() {
        String token = token();

        assertThat(refusal(token + "=")).isEqualTo("the session token is malformed");
        assertThat(refusal(token + "==")).isEqualTo("the session token is malformed");
    }

    @Test
    void aSignatureWithItsUnusedBitsSetIsRefused() {
        String token = token();
        int dot = token.lastIndexOf('.');
        String signature = token.substring(dot + 1);
        assertThat(signature).as("HS256: 32 bytes in 43 characters, 2 bits unused").hasSize(43);

        assertThat(refusal(token.substring(0, dot + 1) + trailingBitsSet(signature)))
                .isEqualTo("the session token is malformed");
    }

    @Test
    void aPaddedOrReSpelledHeaderOrClaimsPartIsRefused() {
        String[] parts = token().split("\\.");
        for (int part = 0; part < 2; part++) {
            String[] respelled = parts.clone();
            respelled[part] = parts[part] + "=";
            assertThat(refusal(String.join(".", respelled))).as("part %s padded", part)
                    .isEqualTo("the session token is malformed");
            if (parts[part].length() % 4 != 0) {
                respelled[part] = trailingBitsSet(parts[part]);
                assertThat(refusal(String.join(".", respelled))).as("part %s re-spelled", part)
                        .isEqualTo("the session token is malformed");
            }
        }
    }

    @Test
    void onlyTheUrlSafeAlphabetWithoutPaddingIsCanonical() {
        assertThat(io.gatehouse.identity.internal.jose.Base64UrlSpelling.isCanonical("QUI")).isTrue();
        assertThat(io.gatehouse.identity.internal.jose.Base64UrlSpelling.isCanonical("QUJ")).isFalse();
        assertThat(io.gatehouse.identity.internal.jose.Base64UrlSpelling.isCanonical("QUI=")).isFalse();
        assertThat(io.gatehouse.identity.internal.jose.Base64UrlSpelling.isCanonical("+/8")).isFalse();
        assertThat(io.gatehouse.identity.internal.jose.Base64UrlSpelling.isCanonical("-_8")).isTrue();
        assertThat(io.gatehouse.identity.internal.jose.Base64UrlSpelling.isCanonical("Q")).isFalse();
    }
}
