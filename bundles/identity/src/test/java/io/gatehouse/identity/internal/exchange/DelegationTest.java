package io.gatehouse.identity.internal.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.identity.internal.DevIssuer;
import io.gatehouse.identity.internal.session.GatewayKey;
import io.gatehouse.identity.internal.session.GatewaySessions;
import io.gatehouse.identity.internal.session.ScopePatterns;
import io.gatehouse.identity.internal.session.SessionClaims;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Delegation only narrows: scope, lifetime, subject, groups; bounded depth; possession of the parent's secret. */
class DelegationTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String ALPHABET = "ab:/";

    private final GatewaySessions sessions = new GatewaySessions(GatewayKey.fromBase64(
            Base64.getEncoder().encodeToString(new byte[32])), CLOCK);
    private final CredentialExchange exchange = new CredentialExchange(sessions,
            new CredentialExchange.Bounds(3600, 7200, 4), CLOCK);

    private GatewaySessions.IssuedCredentials root(String scope, long lifetime) throws OAuthError {
        Map<String, String[]> form = form(DevIssuer.TOKEN_TYPE, "alice");
        form.put("groups", new String[] {"dev"});
        form.put("requested_lifetime", new String[] {Long.toString(lifetime)});
        if (scope != null) {
            form.put("scope", new String[] {scope});
        }
        return exchange.exchange(TokenExchangeRequest.parse(form, true),
                List.of(CredentialExchangeTest.dev(true)));
    }

    private GatewaySessions.IssuedCredentials child(GatewaySessions.IssuedCredentials parent, String actor,
                                                    String scope, Long lifetime) throws OAuthError {
        Map<String, String[]> form = form(CredentialExchange.SESSION_TOKEN_TYPE, parent.sessionToken());
        form.put("actor", new String[] {actor});
        form.put("subject_token_proof", new String[] {proof(parent)});
        if (scope != null) {
            form.put("scope", new String[] {scope});
        }
        if (lifetime != null) {
            form.put("requested_lifetime", new String[] {lifetime.toString()});
        }
        return exchange.exchange(TokenExchangeRequest.parse(form, false), List.of());
    }

    private static Map<String, String[]> form(String type, String token) {
        Map<String, String[]> form = new HashMap<>();
        form.put("grant_type", new String[] {TokenExchangeRequest.GRANT_TYPE});
        form.put("subject_token_type", new String[] {type});
        form.put("subject_token", new String[] {token});
        return form;
    }

    static String proof(GatewaySessions.IssuedCredentials parent) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(parent.secretAccessKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(
                    parent.sessionToken().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aChildRecordsItsChainAndAncestorsAndResolves() throws Exception {
        GatewaySessions.IssuedCredentials root = root("action:dynamodb:* resource:arn:aws:dynamodb:*:*:table/*",
                3600);
        GatewaySessions.IssuedCredentials agent = child(root, "agent-1",
                "action:dynamodb:GetItem resource:arn:aws:dynamodb:*:*:table/Orders", 600L);
        GatewaySessions.IssuedCredentials sub = child(agent, "sub-agent-7", null, null);

        assertThat(sub.claims().subject()).isEqualTo("alice");
        assertThat(sub.claims().groups()).containsExactly("dev");
        assertThat(sub.claims().delegationChain()).containsExactly("agent-1", "sub-agent-7");
        assertThat(sub.claims().ancestors()).containsExactly(root.claims().sessionId(), agent.claims().sessionId());
        assertThat(sub.claims().scope()).isEqualTo(agent.claims().scope());
        assertThat(sub.expiration()).isEqualTo(agent.expiration());
        assertThat(sessions.resolve(sub.accessKeyId(), Optional.of(sub.sessionToken())).orElseThrow().identity()
                .currentActor()).isEqualTo("sub-agent-7");
    }

    @Test
    void revokingASessionRevokesItsSubtreeOnly() throws Exception {
        GatewaySessions.IssuedCredentials root = root(null, 3600);
        GatewaySessions.IssuedCredentials agent = child(root, "agent", null, null);
        GatewaySessions.IssuedCredentials sub = child(agent, "sub", null, null);
        GatewaySessions.IssuedCredentials subSub = child(sub, "sub-sub", null, null);
        GatewaySessions.IssuedCredentials sibling = child(root, "sibling", null, null);

        sessions.revocations().revoke(agent.claims().sessionId(), agent.expiration());

        for (GatewaySessions.IssuedCredentials revoked : List.of(agent, sub, subSub)) {
            assertThatThrownBy(() -> sessions.resolve(revoked.accessKeyId(), Optional.of(revoked.sessionToken())))
                    .hasMessageContaining("revoked").extracting("code").isEqualTo("UnrecognizedClientException");
        }
        assertThat(sessions.resolve(root.accessKeyId(), Optional.of(root.sessionToken()))).isPresent();
        assertThat(sessions.resolve(sibling.accessKeyId(), Optional.of(sibling.sessionToken()))).isPresent();
        assertThatThrownBy(() -> child(sub, "late", null, null)).hasMessageContaining("revoked");
    }

    @Test
    void wideningAttemptsAreRefused() throws Exception {
        GatewaySessions.IssuedCredentials root = root("action:dynamodb:GetItem resource:arn:aws:s3:::logs/*", 600);

        assertThatThrownBy(() -> child(root, "a", "action:dynamodb:GetItem action:dynamodb:PutItem "
                + "resource:arn:aws:s3:::logs/*", null)).extracting("error").isEqualTo("invalid_scope");
        assertThatThrownBy(() -> child(root, "a", "action:dynamodb:GetItem resource:arn:aws:s3:::logs*", null))
                .extracting("error").isEqualTo("invalid_scope");
        assertThatThrownBy(() -> child(root, "a", "action:dynamodb:* resource:arn:aws:s3:::logs/*", null))
                .extracting("error").isEqualTo("invalid_scope");
        assertThatThrownBy(() -> child(root, "a", null, 601L)).hasMessageContaining("outlives");
    }

    @Test
    void theChainIsBoundedByTheConfiguredDepth() throws Exception {
        GatewaySessions.IssuedCredentials session = root(null, 3600);
        for (int depth = 1; depth <= 4; depth++) {
            session = child(session, "agent-" + depth, null, null);
        }
        GatewaySessions.IssuedCredentials deepest = session;

        assertThatThrownBy(() -> child(deepest, "agent-5", null, null)).hasMessageContaining("at most 4");
    }

    @Test
    void theTokenAloneCannotDelegate() throws Exception {
        GatewaySessions.IssuedCredentials root = root(null, 600);
        Map<String, String[]> form = form(CredentialExchange.SESSION_TOKEN_TYPE, root.sessionToken());
        form.put("actor", new String[] {"thief"});

        assertThatThrownBy(() -> exchange.exchange(TokenExchangeRequest.parse(form, true), List.of()))
                .hasMessageContaining("subject_token_proof");
        form.put("subject_token_proof", new String[] {"AAAA"});
        assertThatThrownBy(() -> exchange.exchange(TokenExchangeRequest.parse(form, true), List.of()))
                .extracting("status").isEqualTo(401);
    }

    /** ≥ 1,000 random chains: no accepted child can do anything its parent cannot, or outlive it. */
    @Test
    void noRandomChainYieldsAChildThatCanDoMoreThanItsParent() throws Exception {
        Random random = new Random(42);
        int chains = 0;
        int accepted = 0;
        int refused = 0;
        while (chains < 1500) {
            chains++;
            GatewaySessions.IssuedCredentials parent = root(scope(random, null), 1 + random.nextInt(7200));
            for (int depth = 0; depth < 4; depth++) {
                String scope = random.nextInt(5) == 0 ? null : scope(random, parent.claims());
                Long lifetime = random.nextInt(3) == 0 ? null : (long) (1 + random.nextInt(7200));
                GatewaySessions.IssuedCredentials child;
                try {
                    child = child(parent, "agent-" + depth, scope, lifetime);
                } catch (OAuthError e) {
                    refused++;
                    continue;
                }
                accepted++;
                assertNarrower(child.claims(), parent.claims(), random);
                parent = child;
            }
        }
        assertThat(chains).isGreaterThanOrEqualTo(1000);
        assertThat(accepted).isGreaterThan(1000);
        assertThat(refused).isGreaterThan(100);
    }

    private static void assertNarrower(SessionClaims child, SessionClaims parent, Random random) {
        assertThat(child.subject()).isEqualTo(parent.subject());
        assertThat(child.groups()).isEqualTo(parent.groups());
        assertThat(child.expiresAt()).isBeforeOrEqualTo(parent.expiresAt());
        assertThat(child.delegationChain()).hasSize(parent.delegationChain().size() + 1);
        assertThat(child.delegationChain().subList(0, parent.delegationChain().size()))
                .isEqualTo(parent.delegationChain());
        assertThat(child.ancestors()).endsWith(parent.sessionId());
        for (int i = 0; i < 30; i++) {
            String action = instance(child.scope().actions().get(random.nextInt(child.scope().actions().size())),
                    random);
            String resource = instance(child.scope().resources().get(random.nextInt(
                    child.scope().resources().size())), random);
            assertThat(parent.scope().actions().stream().anyMatch(p -> ScopePatterns.matches(p.toLowerCase(),
                    action.toLowerCase()))).as("action %s of %s escapes %s", action, child.scope(), parent.scope())
                    .isTrue();
            assertThat(parent.scope().resources().stream().anyMatch(p -> ScopePatterns.matches(p, resource)))
                    .as("resource %s of %s escapes %s", resource, child.scope(), parent.scope()).isTrue();
        }
    }

    /** A random scope: either from scratch or by narrowing (and sometimes widening) the parent's patterns. */
    private static String scope(Random random, SessionClaims parent) {
        StringBuilder scope = new StringBuilder();
        int actions = 1 + random.nextInt(2);
        int resources = 1 + random.nextInt(2);
        for (int i = 0; i < actions; i++) {
            scope.append(" action:").append(parent == null || random.nextInt(4) == 0 ? pattern(random)
                    : mutate(parent.scope().actions().get(random.nextInt(parent.scope().actions().size())), random));
        }
        for (int i = 0; i < resources; i++) {
            scope.append(" resource:").append(parent == null || random.nextInt(4) == 0 ? pattern(random)
                    : mutate(parent.scope().resources().get(random.nextInt(parent.scope().resources().size())),
                            random));
        }
        return scope.toString().strip();
    }

    private static String pattern(Random random) {
        StringBuilder pattern = new StringBuilder();
        int length = 1 + random.nextInt(6);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(6);
            pattern.append(kind == 0 ? '*' : kind == 1 ? '?' : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return pattern.toString();
    }

    private static String mutate(String pattern, Random random) {
        StringBuilder out = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            int choice = random.nextInt(10);
            if (ch == '*') {
                out.append(choice < 3 ? "*" : choice < 5 ? "" : choice < 8 ? text(random, 2) + "*" : "?");
            } else if (ch == '?') {
                out.append(choice < 5 ? "?" : choice < 9 ? text(random, 1) : "*");
            } else {
                out.append(choice == 0 ? "*" : choice == 1 ? "?" : String.valueOf(ch));
            }
        }
        if (random.nextInt(8) == 0) {
            out.append('*');
        }
        return out.length() == 0 ? "a" : out.toString();
    }

    private static String instance(String pattern, Random random) {
        StringBuilder out = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            out.append(ch == '*' ? text(random, 3) : ch == '?' ? text(random, 1) : String.valueOf(ch));
        }
        return out.toString();
    }

    private static String text(Random random, int max) {
        StringBuilder text = new StringBuilder();
        int length = max == 1 ? 1 : random.nextInt(max + 1);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
