package io.gatehouse.identity.internal.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.identity.internal.DevIssuer;
import io.gatehouse.identity.internal.DevIssuerConfig;
import io.gatehouse.identity.internal.session.GatewayKey;
import io.gatehouse.identity.internal.session.GatewaySessions;
import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialExchangeTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final GatewaySessions sessions = new GatewaySessions(GatewayKey.fromBase64(
            Base64.getEncoder().encodeToString(new byte[32])), CLOCK);
    private final CredentialExchange exchange = new CredentialExchange(sessions,
            new CredentialExchange.Bounds(3600, 7200, 3), CLOCK);

    static DevIssuer dev(boolean enabled) {
        return new DevIssuer(new DevIssuerConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return DevIssuerConfig.class;
            }

            @Override
            public boolean enabled() {
                return enabled;
            }
        });
    }

    private static Map<String, String[]> form(String... pairs) {
        Map<String, String[]> form = new HashMap<>();
        form.put("grant_type", new String[] {TokenExchangeRequest.GRANT_TYPE});
        form.put("subject_token_type", new String[] {DevIssuer.TOKEN_TYPE});
        form.put("subject_token", new String[] {"alice"});
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1] == null ? null : new String[] {pairs[i + 1]});
        }
        return form;
    }

    private GatewaySessions.IssuedCredentials issue(Map<String, String[]> form, boolean loopback, boolean enabled)
            throws OAuthError {
        return exchange.exchange(TokenExchangeRequest.parse(form, loopback), List.of(dev(enabled)));
    }

    @Test
    void theDevelopmentIssuerNamesTheUserAndGroupsAndTheSessionResolves() throws Exception {
        GatewaySessions.IssuedCredentials issued = issue(form("groups", "dev, ops", "purpose", "try it"), true, true);

        assertThat(issued.claims().subject()).isEqualTo("alice");
        assertThat(issued.claims().groups()).containsExactlyInAnyOrder("dev", "ops");
        assertThat(issued.claims().purpose()).isEqualTo("try it");
        assertThat(issued.expiration()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(sessions.resolve(issued.accessKeyId(), Optional.of(issued.sessionToken()))).isPresent();
    }

    @Test
    void theDevelopmentIssuerIsOffByDefaultAndLoopbackOnly() {
        assertThatThrownBy(() -> issue(form(), true, false)).hasMessageContaining("disabled");
        assertThatThrownBy(() -> issue(form(), false, true)).hasMessageContaining("loopback")
                .extracting("status").isEqualTo(403);
    }

    @Test
    void lifetimeIsBoundedByConfiguration() throws Exception {
        assertThat(issue(form("requested_lifetime", "7200"), true, true).expiration())
                .isEqualTo(NOW.plusSeconds(7200));
        assertThatThrownBy(() -> issue(form("requested_lifetime", "7201"), true, true))
                .hasMessageContaining("7200 s");
        assertThatThrownBy(() -> issue(form("requested_lifetime", "0"), true, true))
                .hasMessageContaining("positive");
    }

    @Test
    void scopeIsParsedIntoActionsAndResources() throws Exception {
        GatewaySessions.IssuedCredentials issued = issue(form("scope",
                "action:dynamodb:GetItem action:dynamodb:Query resource:arn:aws:dynamodb:*:*:table/Orders"),
                true, true);

        assertThat(issued.claims().scope().actions()).containsExactly("dynamodb:GetItem", "dynamodb:Query");
        assertThat(issued.claims().scope().resources()).containsExactly("arn:aws:dynamodb:*:*:table/Orders");
        assertThatThrownBy(() -> issue(form("scope", "dynamodb:GetItem"), true, true))
                .extracting("error").isEqualTo("invalid_scope");
    }

    @Test
    void malformedRequestsAreRefusedWithRfc6749Codes() {
        assertThatThrownBy(() -> issue(form("grant_type", "client_credentials"), true, true))
                .extracting("error").isEqualTo("unsupported_grant_type");
        assertThatThrownBy(() -> issue(form("subject_token", null), true, true))
                .extracting("error").isEqualTo("invalid_request");
        assertThatThrownBy(() -> issue(form("subject_token_type", "urn:unknown"), true, true))
                .hasMessageContaining("No trusted issuer");
        assertThatThrownBy(() -> issue(form("subject_token", "bad name!"), true, true))
                .hasMessageContaining("user name");
        Map<String, String[]> doubled = form();
        doubled.put("subject_token", new String[] {"alice", "bob"});
        assertThatThrownBy(() -> issue(doubled, true, true)).hasMessageContaining("more than once");
    }
}
