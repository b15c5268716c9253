package io.gatehouse.credentials.internal.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.api.credentials.CredentialException;
import org.junit.jupiter.api.Test;

/** Names in STS's characters: kept when allowed, escaped injectively otherwise, refused when they cannot fit. */
class StsNamesTest {

    private static final String IDENTITY_CHARS = "[\\w+=,.@-]{2,64}";

    @Test
    void allowedSubjectsAreKeptAsTheyAre() {
        assertThat(StsNames.sourceIdentity("alice@example.com")).isEqualTo("alice@example.com");
        assertThat(StsNames.sourceIdentity("ci_job-42+main,x.y")).isEqualTo("ci_job-42+main,x.y");
    }

    @Test
    void otherCharactersAreEscapedSoThatDifferentSubjectsStayDifferent() {
        String pipe = StsNames.sourceIdentity("auth0|12345");
        String escapedLookalike = StsNames.sourceIdentity("auth0=7C12345");
        String space = StsNames.sourceIdentity("alice smith");
        String dash = StsNames.sourceIdentity("alice-smith");

        assertThat(pipe).isEqualTo("auth0=7C12345").matches(IDENTITY_CHARS);
        assertThat(escapedLookalike).isEqualTo("auth0=3D7C12345").isNotEqualTo(pipe);
        assertThat(space).isEqualTo("alice=20smith").isNotEqualTo(dash);
        assertThat(StsNames.sourceIdentity("aws:root")).isEqualTo("aws=3Aroot");
        assertThat(StsNames.sourceIdentity("zoë")).isEqualTo("zo=C3=AB").matches(IDENTITY_CHARS);
    }

    @Test
    void subjectsThatCannotFitAreRefusedNotCut() {
        assertThatThrownBy(() -> StsNames.sourceIdentity("a")).isInstanceOf(CredentialException.class)
                .hasMessageContaining("2 to 64");
        assertThatThrownBy(() -> StsNames.sourceIdentity("x".repeat(65))).isInstanceOf(CredentialException.class);
        assertThatThrownBy(() -> StsNames.sourceIdentity("|".repeat(22))).isInstanceOf(CredentialException.class);
        assertThat(StsNames.sourceIdentity("x".repeat(64))).hasSize(64);
    }

    @Test
    void roleSessionNameIsTraceableAndWithinLimits() {
        assertThat(StsNames.roleSessionName("gs-0123456789abcdef0123456789abcdef"))
                .isEqualTo("gatehouse-gs-0123456789abcdef0123456789abcdef");
        String longName = StsNames.roleSessionName("s".repeat(100) + "END");
        assertThat(longName).hasSize(64).startsWith("gatehouse-").endsWith("END").matches(IDENTITY_CHARS);
        assertThat(StsNames.roleSessionName("")).isEqualTo("gatehouse-session");
    }

    @Test
    void tagValuesKeepTagCharactersAndEscapeTheRest() {
        assertThat(StsNames.tagValue("actor", "agent/coder sub:task@x_y.z+1-2")).isEqualTo(
                "agent/coder sub:task@x_y.z+1-2");
        assertThat(StsNames.tagValue("actor", "a=b|c")).isEqualTo("a=3Db=7Cc");
        assertThatThrownBy(() -> StsNames.tagValue("delegate 3", "|".repeat(90)))
                .isInstanceOf(CredentialException.class).hasMessageContaining("delegate 3");
    }
}
