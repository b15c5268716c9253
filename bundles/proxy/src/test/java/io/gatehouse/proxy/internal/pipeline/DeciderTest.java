package io.gatehouse.proxy.internal.pipeline;

import static io.gatehouse.proxy.internal.pipeline.PolicyFixtures.ALICE;
import static io.gatehouse.proxy.internal.pipeline.PolicyFixtures.DELETE_TABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.api.policy.PolicyEngine;
import io.gatehouse.proxy.internal.error.GatewayException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeciderTest {

    @Test
    void withoutAnEngineEveryCallIsRefused() {
        assertThatThrownBy(() -> new Decider(Optional::empty).decide(ALICE, DELETE_TABLE))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.code()).isEqualTo("PolicyUnavailable");
                });
    }

    @Test
    void anEngineThatFailsDenies() {
        PolicyEngine broken = (identity, operation) -> {
            throw new IllegalStateException("boom");
        };
        assertThatThrownBy(() -> new Decider(() -> Optional.of(broken)).decide(ALICE, DELETE_TABLE))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("could not be evaluated").doesNotContain("boom");
                });
        assertThatThrownBy(() -> new Decider(() -> Optional.of((i, o) -> null)).decide(ALICE, DELETE_TABLE))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void aDenyNamesTheRuleAndThePolicyVersion() {
        assertThatThrownBy(() -> new Decider(() -> Optional.of((i, o) -> PolicyFixtures.deny()))
                .decide(ALICE, DELETE_TABLE))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo("AccessDeniedException");
                    assertThat(e.getMessage()).contains("dynamodb:DeleteTable", "r-deny", "agents never delete", "v1");
                });
    }

    @Test
    void allowAndApproveGoOnToTheNextStages() {
        assertThat(new Decider(() -> Optional.of((i, o) -> PolicyFixtures.allow())).decide(ALICE, DELETE_TABLE))
                .isEqualTo(PolicyFixtures.allow());
        assertThat(new Decider(() -> Optional.of((i, o) -> PolicyFixtures.approve())).decide(ALICE, DELETE_TABLE))
                .isEqualTo(PolicyFixtures.approve());
    }
}
