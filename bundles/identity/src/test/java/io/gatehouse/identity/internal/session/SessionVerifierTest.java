package io.gatehouse.identity.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.identity.AuthenticationException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The control plane's view of a session: token and proof of possession give the caller's identity. */
class SessionVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final RevocationList revocations = new RevocationList(Clock.fixed(NOW, ZoneOffset.UTC));
    private final GatewaySessions sessions = new GatewaySessions(GatewayKey.fromBase64(GatewaySessionsTest.KEY),
            Clock.fixed(NOW, ZoneOffset.UTC), revocations);

    private GatewaySessions.IssuedCredentials issue(String id, List<String> chain, List<String> ancestors) {
        return sessions.issue(new SessionClaims(id, "bob", Set.of("approvers"), chain,
                new SessionScope(List.of("*"), List.of("*")), "", NOW, NOW.plusSeconds(600), ancestors));
    }

    private static String proof(GatewaySessions.IssuedCredentials issued) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(issued.secretAccessKey().getBytes(StandardCharsets.UTF_8),
                "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                mac.doFinal(issued.sessionToken().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aValidTokenAndProofGiveTheCallersIdentityWithItsChain() throws Exception {
        GatewaySessions.IssuedCredentials issued = issue("gs-1", List.of("agent-1"), List.of("gs-0"));

        Identity identity = sessions.authenticate(issued.sessionToken(), proof(issued));

        assertThat(identity.subject()).isEqualTo("bob");
        assertThat(identity.groups()).containsExactly("approvers");
        assertThat(identity.delegationChain()).containsExactly("agent-1");
        assertThat(identity.sessionId()).isEqualTo("gs-1");
        assertThat(identity.accessKeyId()).isEqualTo(issued.accessKeyId());
    }

    @Test
    void theTokenAloneOrAProofOfAnotherSessionIsRefused() throws Exception {
        GatewaySessions.IssuedCredentials mine = issue("gs-1", List.of(), List.of());
        GatewaySessions.IssuedCredentials other = issue("gs-2", List.of(), List.of());

        assertThatThrownBy(() -> sessions.authenticate(mine.sessionToken(), proof(other)))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("X-Gatehouse-Proof");
        assertThatThrownBy(() -> sessions.authenticate(mine.sessionToken(), ""))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> sessions.authenticate("not.a.token", proof(mine)))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("invalid");
    }

    @Test
    void aSessionWhoseAncestorIsRevokedIsRefused() throws Exception {
        GatewaySessions.IssuedCredentials child = issue("gs-child", List.of("agent"), List.of("gs-root"));
        revocations.revoke("gs-root", NOW.plusSeconds(600));

        assertThatThrownBy(() -> sessions.authenticate(child.sessionToken(), proof(child)))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("revoked");
    }

    @Test
    void anExpiredSessionIsRefused() throws Exception {
        GatewaySessions.IssuedCredentials issued = issue("gs-1", List.of(), List.of());
        GatewaySessions later = new GatewaySessions(GatewayKey.fromBase64(GatewaySessionsTest.KEY),
                Clock.fixed(NOW.plusSeconds(600), ZoneOffset.UTC));

        assertThatThrownBy(() -> later.authenticate(issued.sessionToken(), proof(issued)))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("expired");
    }
}
