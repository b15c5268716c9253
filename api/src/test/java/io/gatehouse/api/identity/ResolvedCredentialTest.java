package io.gatehouse.api.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.api.exchange.Identity;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResolvedCredentialTest {

    private static final Identity ALICE = new Identity("alice", Set.of("dev"), List.of(), "s1", "GHAKEXAMPLE", "",
            Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void toStringNeverPrintsTheSecret() {
        assertThat(new ResolvedCredential(ALICE, "very-secret-value").toString())
                .doesNotContain("very-secret-value").contains("alice");
    }

    @Test
    void blankSecretIsRefused() {
        assertThatThrownBy(() -> new ResolvedCredential(ALICE, " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exceptionCarriesCodeAndRefusesOddCodes() {
        assertThat(new AuthenticationException(AuthenticationException.EXPIRED_TOKEN, "expired").code())
                .isEqualTo("ExpiredTokenException");
        assertThatThrownBy(() -> new AuthenticationException("bad code<", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
