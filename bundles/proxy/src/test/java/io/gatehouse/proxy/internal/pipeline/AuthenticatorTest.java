package io.gatehouse.proxy.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.api.identity.AuthenticationException;
import io.gatehouse.api.identity.CredentialResolver;
import io.gatehouse.api.identity.ResolvedCredential;
import io.gatehouse.proxy.internal.error.GatewayException;
import io.gatehouse.proxy.internal.keys.AccessKeyStore;
import io.gatehouse.proxy.internal.keys.ConfiguredAccessKey;
import io.gatehouse.proxy.internal.registry.ResolverRegistry;
import io.gatehouse.proxy.internal.sigv4.SigV4Verifier;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Configured keys first, then resolvers best-ranked first; the signature is verified with the resolved secret. */
class AuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String SESSION_KEY = "GHSESSIONKEY0001";
    private static final String SESSION_SECRET = "session-secret-0123456789";
    private static final String TOKEN = "session-token-value";

    private final AccessKeyStore keys = new AccessKeyStore();
    private final ResolverRegistry resolvers = new ResolverRegistry();
    private final Authenticator authenticator = new Authenticator(keys, resolvers,
            new SigV4Verifier(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5)));

    @Test
    void configuredKeyWinsWithoutAskingResolvers() {
        keys.bindKey(new ConfiguredAccessKey("GHCLIENTKEY00001", "client-secret-0123456789", "bob", "ops"));
        List<String> asked = new CopyOnWriteArrayList<>();
        resolvers.bindResolver((id, token) -> {
            asked.add(id);
            return Optional.empty();
        }, Map.of("service.id", 1L));

        Identity identity = authenticator.authenticate(signed("GHCLIENTKEY00001", "client-secret-0123456789",
                Optional.empty())).identity();

        assertThat(identity.subject()).isEqualTo("bob");
        assertThat(asked).isEmpty();
    }

    @Test
    void resolverReceivesTheSessionTokenAndItsSecretVerifiesTheSignature() {
        List<Optional<String>> tokens = new CopyOnWriteArrayList<>();
        resolvers.bindResolver((id, token) -> {
            tokens.add(token);
            return Optional.of(new ResolvedCredential(session(id), SESSION_SECRET));
        }, Map.of("service.id", 1L));

        Authenticator.Authenticated result = authenticator.authenticate(signed(SESSION_KEY, SESSION_SECRET,
                Optional.of(TOKEN)));

        assertThat(result.identity().sessionId()).isEqualTo("s-1");
        assertThat(result.identity().delegationChain()).containsExactly("agent-1");
        assertThat(tokens).containsExactly(Optional.of(TOKEN));
    }

    @Test
    void aSignatureMadeWithAnotherSecretIsRefused() {
        resolvers.bindResolver((id, token) -> Optional.of(new ResolvedCredential(session(id), SESSION_SECRET)),
                Map.of("service.id", 1L));

        assertRefused(signed(SESSION_KEY, "another-secret-0123456789", Optional.of(TOKEN)),
                "InvalidSignatureException");
    }

    @Test
    void resolversAreAskedBestRankedFirstAndTheFirstAnswerDecides() {
        List<String> order = new CopyOnWriteArrayList<>();
        resolvers.bindResolver(recording(order, "low", Optional.empty()), Map.of("service.id", 1L,
                "service.ranking", -5));
        resolvers.bindResolver(recording(order, "high", Optional.empty()), Map.of("service.id", 3L,
                "service.ranking", 10));
        resolvers.bindResolver(recording(order, "middle", Optional.of(SESSION_SECRET)), Map.of("service.id", 2L));

        authenticator.authenticate(signed(SESSION_KEY, SESSION_SECRET, Optional.empty()));

        assertThat(order).containsExactly("high", "middle");
    }

    @Test
    void aRefusingResolverRefusesWithItsCodeAndMessage() {
        resolvers.bindResolver((id, token) -> {
            throw new AuthenticationException(AuthenticationException.EXPIRED_TOKEN,
                    "The security token included in the request is expired");
        }, Map.of("service.id", 1L));

        assertThatThrownBy(() -> authenticator.authenticate(signed(SESSION_KEY, SESSION_SECRET, Optional.of(TOKEN))))
                .isInstanceOf(GatewayException.class)
                .hasMessage("The security token included in the request is expired")
                .satisfies(e -> {
                    assertThat(((GatewayException) e).code()).isEqualTo("ExpiredTokenException");
                    assertThat(((GatewayException) e).status()).isEqualTo(403);
                });
    }

    @Test
    void anUnknownKeyIsUnrecognised() {
        resolvers.bindResolver((id, token) -> Optional.empty(), Map.of("service.id", 1L));

        assertRefused(signed(SESSION_KEY, SESSION_SECRET, Optional.empty()), "UnrecognizedClientException");
    }

    @Test
    void aFailingResolverFailsClosedWithoutAskingTheNext() {
        List<String> order = new CopyOnWriteArrayList<>();
        resolvers.bindResolver((id, token) -> {
            throw new IllegalStateException("boom " + SESSION_SECRET);
        }, Map.of("service.id", 1L, "service.ranking", 5));
        resolvers.bindResolver(recording(order, "next", Optional.of(SESSION_SECRET)), Map.of("service.id", 2L));

        assertThatThrownBy(() -> authenticator.authenticate(signed(SESSION_KEY, SESSION_SECRET, Optional.empty())))
                .isInstanceOf(GatewayException.class).hasMessageNotContaining(SESSION_SECRET)
                .extracting("code").isEqualTo("InternalFailure");
        assertThat(order).isEmpty();
    }

    @Test
    void anAnswerForAnotherKeyIsRefused() {
        resolvers.bindResolver((id, token) -> Optional.of(new ResolvedCredential(session("GHOTHERKEY000001"),
                SESSION_SECRET)), Map.of("service.id", 1L));

        assertRefused(signed(SESSION_KEY, SESSION_SECRET, Optional.empty()), "InternalFailure");
    }

    @Test
    void twoSessionTokenHeadersAreRefused() {
        resolvers.bindResolver((id, token) -> Optional.of(new ResolvedCredential(session(id), SESSION_SECRET)),
                Map.of("service.id", 1L));
        RequestView request = signed(SESSION_KEY, SESSION_SECRET, Optional.of(TOKEN));
        RequestView doubled = new RequestView(request.method(), request.rawPath(), request.rawQuery(),
                request.headers().toBuilder().add("X-Amz-Security-Token", "other").build(), request.body());

        assertRefused(doubled, "IncompleteSignatureException");
    }

    @Test
    void anUnboundResolverIsNoLongerAsked() {
        CredentialResolver resolver = (id, token) -> Optional.of(new ResolvedCredential(session(id), SESSION_SECRET));
        resolvers.bindResolver(resolver, Map.of("service.id", 1L));
        resolvers.unbindResolver(resolver);

        assertRefused(signed(SESSION_KEY, SESSION_SECRET, Optional.empty()), "UnrecognizedClientException");
    }

    private static CredentialResolver recording(List<String> order, String name, Optional<String> secret) {
        return (id, token) -> {
            order.add(name);
            return secret.map(s -> new ResolvedCredential(session(id), s));
        };
    }

    private static Identity session(String accessKeyId) {
        return new Identity("alice", Set.of("dev"), List.of("agent-1"), "s-1", accessKeyId, "tests",
                NOW.plusSeconds(3600));
    }

    private void assertRefused(RequestView request, String code) {
        assertThatThrownBy(() -> authenticator.authenticate(request)).isInstanceOf(GatewayException.class)
                .extracting("code").isEqualTo(code);
    }

    private static RequestView signed(String accessKeyId, String secret, Optional<String> token) {
        byte[] bytes = "{}".getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1:7700/")).putHeader("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .build();
        AwsCredentialsIdentity identity = token.<AwsCredentialsIdentity>map(t ->
                AwsSessionCredentialsIdentity.create(accessKeyId, secret, t))
                .orElseGet(() -> AwsCredentialsIdentity.create(accessKeyId, secret));
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(signing -> signing.identity(identity)
                .request(unsigned).payload(() -> new ByteArrayInputStream(bytes))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC))).request();
        Headers.Builder headers = Headers.builder();
        signed.forEachHeader((name, values) -> values.forEach(value -> headers.add(name, value)));
        return new RequestView("POST", signed.encodedPath(), "", headers.build(), Body.of(bytes));
    }
}
