package io.gatehouse.identity.internal.bench;

import io.gatehouse.api.identity.AuthenticationException;
import io.gatehouse.api.identity.ResolvedCredential;
import io.gatehouse.identity.internal.session.GatewayKey;
import io.gatehouse.identity.internal.session.GatewaySessions;
import io.gatehouse.identity.internal.session.SessionClaims;
import io.gatehouse.identity.internal.session.SessionScope;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the data plane pays per request to resolve a gateway session: JWS (HS256) verification, claims parsing,
 * expiry and revocation checks, and the two HMACs that re-derive the access key id and the signing secret. No
 * network: the request path never contacts an identity provider.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SessionResolveBenchmark {

    private GatewaySessions sessions;
    private GatewaySessions.IssuedCredentials delegated;

    @Setup
    public void issue() {
        sessions = new GatewaySessions(GatewayKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32])),
                Clock.systemUTC());
        Instant now = Instant.now();
        delegated = sessions.issue(new SessionClaims("gs-0123456789abcdef0123456789abcdef", "alice",
                Set.of("dev", "ops"), List.of("agent-1", "sub-agent-1"),
                new SessionScope(List.of("dynamodb:GetItem", "dynamodb:Query"),
                        List.of("arn:aws:dynamodb:*:*:table/Orders")), "benchmark", now, now.plusSeconds(3600),
                List.of("gs-root0000000000000000000000000000", "gs-mid00000000000000000000000000000")));
    }

    @Benchmark
    public ResolvedCredential resolveDelegatedSession() throws AuthenticationException {
        return sessions.resolve(delegated.accessKeyId(), Optional.of(delegated.sessionToken())).orElseThrow();
    }
}
