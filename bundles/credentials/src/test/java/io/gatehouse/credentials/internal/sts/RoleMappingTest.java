package io.gatehouse.credentials.internal.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.api.exchange.Decision;
import io.gatehouse.api.exchange.Identity;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Role choice: rule, then the first configured group the caller has, then the default. */
class RoleMappingTest {

    private static final String A = "arn:aws:iam::123456789012:role/a";
    private static final String B = "arn:aws:iam::123456789012:role/path/b,with=odd.chars@x";
    private static final String C = "arn:aws-us-gov:iam::123456789012:role/c";

    @Test
    void entriesMayShareOneValueOrComeAsSeveralValues() {
        RoleMapping mapping = RoleMapping.parse("", List.of("r1=" + A + ", r2=" + B), List.of("g1=" + C, "g2 = " + A));

        assertThat(mapping.describe()).containsExactly("rule r1 -> " + A, "rule r2 -> " + B, "group g1 -> " + C,
                "group g2 -> " + A);
    }

    @Test
    void precedenceIsRuleThenFirstConfiguredGroupThenDefault() {
        RoleMapping mapping = RoleMapping.parse(C, List.of("r1=" + A), List.of("ops=" + B, "dev=" + A));

        assertThat(mapping.select(identity(Set.of("dev", "ops")), decision("r1")).roleArn()).isEqualTo(A);
        assertThat(mapping.select(identity(Set.of("dev", "ops")), decision("r9")))
                .isEqualTo(new RoleMapping.Choice(B, "group ops"));
        assertThat(mapping.select(identity(Set.of("dev")), decision("r9")).roleArn()).isEqualTo(A);
        assertThat(mapping.select(identity(Set.of()), decision("r9")))
                .isEqualTo(new RoleMapping.Choice(C, "role.default"));
    }

    @Test
    void malformedEntriesAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> RoleMapping.parse("arn:aws:iam::1:role/x", List.of(), List.of()))
                .hasMessageContaining("role.default");
        assertThatThrownBy(() -> RoleMapping.parse("", List.of("just-a-rule"), List.of()))
                .hasMessageContaining("role.by.rule");
        assertThatThrownBy(() -> RoleMapping.parse("", List.of(), List.of("g=arn:aws:iam::123456789012:user/u")))
                .hasMessageContaining("role.by.group").hasMessageContaining("not an IAM role ARN");
        assertThatThrownBy(() -> RoleMapping.parse("", List.of("r=" + A + ",r=" + B), List.of()))
                .hasMessageContaining("twice");
    }

    private static Decision decision(String rule) {
        return new Decision(Decision.Outcome.ALLOW, rule, "allowed", "v1");
    }

    private static Identity identity(Set<String> groups) {
        return new Identity("alice", groups, List.of(), "gs-1", "AKGH1", "", Instant.parse("2030-01-01T00:00:00Z"));
    }
}
