package io.gatehouse.identity.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevocationListTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aRevocationSurvivesARestart() throws Exception {
        Path file = dir.resolve("revocations");
        new RevocationList(clock, file).revoke("root-session", NOW.plusSeconds(3600));

        RevocationList afterRestart = new RevocationList(clock, file);

        assertThat(afterRestart.revokedAmong(List.of("child", "root-session"))).contains("root-session");
        assertThat(afterRestart.revokedAmong(List.of("other"))).isEmpty();
    }

    @Test
    void expiredEntriesAndDamagedLinesAreForgottenOnLoad() throws Exception {
        Path file = dir.resolve("revocations");
        Files.writeString(file, "old " + NOW.minusSeconds(1).getEpochSecond() + "\ngarbage line here\n"
                + "live " + NOW.plusSeconds(60).getEpochSecond() + "\ntruncat");

        RevocationList list = new RevocationList(clock, file);

        assertThat(list.revokedAmong(List.of("old"))).isEmpty();
        assertThat(list.revokedAmong(List.of("live"))).contains("live");
    }

    @Test
    void withoutAFileItStillRevokes() {
        RevocationList list = new RevocationList(clock);
        list.revoke("s", NOW.plusSeconds(5));

        assertThat(list.revokedAmong(List.of("s"))).contains("s");
    }
}
