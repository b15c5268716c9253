package io.gatehouse.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.api.policy.PolicyRule;
import io.gatehouse.api.policy.RuleSet;
import io.gatehouse.policy.files.PolicyLoad;
import io.gatehouse.policy.files.PolicyProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePolicySourceTest {

    private static final String ONE = "rules:\n  - { id: one, effect: allow, actions: ['*'], resources: ['*'] }\n";
    private static final String TWO = "rules:\n  - { id: one, effect: allow, actions: ['*'], resources: ['*'] }\n"
            + "  - { id: two, effect: deny, actions: ['s3:*'], resources: ['*'] }\n";
    private static final String BROKEN = "rules:\n  - { id: one, effect: maybe, actions: ['*'], resources: ['*'] }\n";

    @TempDir
    Path dir;

    private void write(String name, String content) throws IOException {
        Path temporary = dir.resolve("." + name + ".tmp");
        Files.writeString(temporary, content);
        Files.move(temporary, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aBrokenChangeKeepsTheLastGoodRulesAndSaysWhy() throws IOException {
        write("main.yaml", ONE);
        ReloadingPolicy policy = new ReloadingPolicy(dir);
        assertThat(policy.poll()).isTrue();
        RuleSet good = policy.current();
        assertThat(good.rules()).extracting(PolicyRule::id).containsExactly("one");

        write("main.yaml", BROKEN);
        assertThat(policy.poll()).isTrue();
        assertThat(policy.current()).isSameAs(good);
        assertThat(policy.state()).isEqualTo(PolicyLoad.State.REJECTED);
        assertThat(policy.problems()).extracting(PolicyProblem::toString).containsExactly(
                "main.yaml:2:24: rules[0] (one).effect: 'maybe' is not an effect: allow, deny or require-approval");
        assertThat(policy.poll()).as("unchanged content is not parsed again").isFalse();

        write("main.yaml", TWO);
        assertThat(policy.poll()).isTrue();
        assertThat(policy.problems()).isEmpty();
        assertThat(policy.current().rules()).extracting(PolicyRule::id).containsExactly("one", "two");
        assertThat(policy.current().version()).isNotEqualTo(good.version());
    }

    @Test
    void aBrokenFileAtStartMeansNoRules() throws IOException {
        write("main.yaml", BROKEN);
        ReloadingPolicy policy = new ReloadingPolicy(dir);
        policy.poll();
        assertThat(policy.current().rules()).isEmpty();
        assertThat(policy.problems()).hasSize(1);
    }

    @Test
    void removingTheFolderOrItsFilesRemovesTheRules() throws IOException {
        write("main.yaml", ONE);
        ReloadingPolicy policy = new ReloadingPolicy(dir);
        policy.poll();
        Files.delete(dir.resolve("main.yaml"));
        policy.poll();
        assertThat(policy.state()).isEqualTo(PolicyLoad.State.NO_FILES);
        assertThat(policy.current().rules()).isEmpty();
        Files.delete(dir);
        policy.poll();
        assertThat(policy.state()).isEqualTo(PolicyLoad.State.NO_DIRECTORY);
    }

    /**
     * With a 200 ms interval a change is normally in force within 200 ms (the default 1 s interval gives the 2 s bound);
     * the test allows 5 s so that a loaded build machine starving the poller cannot make it fail.
     */
    @Test
    void theServicePicksUpChangesAtTheNextPoll() throws Exception {
        write("main.yaml", ONE);
        FilePolicySource source = new FilePolicySource(dir, 200);
        try {
            assertThat(source.rules().rules()).hasSize(1);
            write("more.yml", "rules:\n  - { id: three, effect: deny, actions: ['*'], resources: ['*'] }\n");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (source.rules().rules().size() != 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(source.rules().rules()).extracting(PolicyRule::id).containsExactlyInAnyOrder("one", "three");
            write("more.yml", BROKEN.replace("one", "three"));
            deadline = System.nanoTime() + 5_000_000_000L;
            while (source.problems().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(source.problems()).singleElement().asString().startsWith("more.yml:2:");
            assertThat(source.rules().rules()).hasSize(2);
        } finally {
            source.stop();
        }
    }

    @Test
    void theFolderIsResolvedAgainstTheHome() {
        Path home = dir.resolve("gatehouse");
        assertThat(FilePolicySource.directory("etc/policy", home.toString())).isEqualTo(home.resolve("etc/policy"));
        assertThat(FilePolicySource.directory(dir.resolve("abs").toString(), home.toString()))
                .isEqualTo(dir.resolve("abs"));
        assertThat(FilePolicySource.directory("", home.toString())).isEqualTo(home.resolve("etc/policy"));
    }
}
