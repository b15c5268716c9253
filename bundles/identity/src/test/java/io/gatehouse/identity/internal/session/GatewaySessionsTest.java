package io.gatehouse.identity.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.api.identity.AuthenticationException;
import io.gatehouse.api.identity.ResolvedCredential;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GatewaySessionsTest {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32});
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final GatewaySessions node1 = sessionsAt(KEY, NOW);

    private static GatewaySessions sessionsAt(String key, Instant now) {
        return new GatewaySessions(GatewayKey.fromBase64(key), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static SessionClaims claims(String sessionId, Instant expires) {
        return new SessionClaims(sessionId, "alice", Set.of("dev", "ops"), List.of("agent-1", "agent-2"),
                new SessionScope(List.of("dynamodb:Get*"), List.of("arn:aws:dynamodb:*:*:table/Orders")),
                "nightly report", NOW, expires, List.of("root-session", "mid-session"));
    }

    @Test
    void anotherNodeWithTheSameKeyResolvesTheSessionFromTheRequestAlone() throws Exception {
        GatewaySessions.IssuedCredentials issued = node1.issue(claims("s-1", NOW.plusSeconds(900)));
        GatewaySessions node2 = sessionsAt(KEY, NOW.plusSeconds(10));

        ResolvedCredential resolved = node2.resolve(issued.accessKeyId(), Optional.of(issued.sessionToken()))
                .orElseThrow();

        assertThat(resolved.signingSecret()).isEqualTo(issued.secretAccessKey());
        assertThat(resolved.identity().subject()).isEqualTo("alice");
        assertThat(resolved.identity().groups()).containsExactlyInAnyOrder("dev", "ops");
        assertThat(resolved.identity().delegationChain()).containsExactly("agent-1", "agent-2");
        assertThat(resolved.identity().currentActor()).isEqualTo("agent-2");
        assertThat(resolved.identity().sessionId()).isEqualTo("s-1");
        assertThat(resolved.identity().purpose()).isEqualTo("nightly report");
        assertThat(resolved.identity().expiresAt()).isEqualTo(NOW.plusSeconds(900));
        assertThat(node2.verify(issued.sessionToken())).isEqualTo(issued.claims());
    }

    @Test
    void accessKeyIdsLookLikeAwsKeysAndSecretsDifferPerSession() {
        GatewaySessions.IssuedCredentials a = node1.issue(claims("s-1", NOW.plusSeconds(60)));
        GatewaySessions.IssuedCredentials b = node1.issue(claims("s-2", NOW.plusSeconds(60)));

        assertThat(a.accessKeyId()).matches("GHS[A-Z2-7]{17}");
        assertThat(a.accessKeyId()).isNotEqualTo(b.accessKeyId());
        assertThat(a.secretAccessKey()).isNotEqualTo(b.secretAccessKey()).hasSize(43);
        assertThat(a.sessionToken()).doesNotContain(a.secretAccessKey());
        assertThat(a.toString()).doesNotContain(a.secretAccessKey()).doesNotContain(a.sessionToken());
    }

    @Test
    void anExpiredSessionIsRefusedAtTheSecondItEnds() {
        GatewaySessions.IssuedCredentials issued = node1.issue(claims("s-1", NOW.plusSeconds(60)));

        assertThat(code(sessionsAt(KEY, NOW.plusSeconds(60)), issued.accessKeyId(), issued.sessionToken()))
                .isEqualTo("ExpiredTokenException");
        assertThat(code(sessionsAt(KEY, NOW.plusSeconds(59)), issued.accessKeyId(), issued.sessionToken()))
                .isNull();
    }

    @Test
    void aTokenOfAnotherSessionDoesNotUnlockThisKey() {
        GatewaySessions.IssuedCredentials mine = node1.issue(claims("s-1", NOW.plusSeconds(60)));
        GatewaySessions.IssuedCredentials other = node1.issue(claims("s-2", NOW.plusSeconds(60)));

        assertThat(code(node1, mine.accessKeyId(), other.sessionToken())).isEqualTo("InvalidClientTokenId");
    }

    @Test
    void aNodeWithAnotherKeyRefusesTheToken() {
        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        GatewaySessions.IssuedCredentials issued = node1.issue(claims("s-1", NOW.plusSeconds(60)));

        assertThat(code(sessionsAt(Base64.getEncoder().encodeToString(other), NOW), issued.accessKeyId(),
                issued.sessionToken())).isEqualTo("InvalidClientTokenId");
    }

    @Test
    void tamperedMissingOrOversizedTokensAreRefused() {
        GatewaySessions.IssuedCredentials issued = node1.issue(claims("s-1", NOW.plusSeconds(60)));
        String[] parts = issued.sessionToken().split("\\.");
        String noneAlg = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"typ\":\"gatehouse-session+jwt\"}".getBytes()) + "." + parts[1] + ".";

        assertThat(code(node1, issued.accessKeyId(), parts[0] + "." + parts[1] + "x." + parts[2]))
                .isEqualTo("InvalidClientTokenId");
        assertThat(code(node1, issued.accessKeyId(), noneAlg)).isEqualTo("InvalidClientTokenId");
        assertThat(code(node1, issued.accessKeyId(), "x".repeat(SessionTokens.MAX_TOKEN_CHARS + 1)))
                .isEqualTo("InvalidClientTokenId");
        assertThatThrownBy(() -> node1.resolve(issued.accessKeyId(), Optional.empty()))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("X-Amz-Security-Token");
    }

    @Test
    void keysThatAreNotSessionKeysAreLeftToOthers() throws Exception {
        assertThat(node1.resolve("AKIAIOSFODNN7EXAMPLE", Optional.of("whatever"))).isEmpty();
    }

    @Test
    void shortOrInvalidGatewayKeysAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> GatewayKey.fromBase64(Base64.getEncoder().encodeToString(new byte[31])))
                .hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> GatewayKey.fromBase64("not base64 !!secret"))
                .hasMessageNotContaining("secret");
    }

    private static String code(GatewaySessions sessions, String accessKeyId, String token) {
        try {
            sessions.resolve(accessKeyId, Optional.of(token));
            return null;
        } catch (AuthenticationException e) {
            assertThat(e.getMessage()).doesNotContain(token.length() > 20 ? token : "\u0000");
            return e.code();
        }
    }
}
