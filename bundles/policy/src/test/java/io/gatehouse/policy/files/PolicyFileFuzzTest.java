package io.gatehouse.policy.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gatehouse.api.policy.PolicyRule;
import io.gatehouse.api.policy.RuleSet;
import io.gatehouse.policy.evaluation.PolicyEvaluator;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuzz target of the policy file loader: any bytes as the content of one policy file. Under a normal build it runs
 * the committed seeds in {@code PolicyFileFuzzTestInputs/parse/} (regression mode); with {@code JAZZER_FUZZ=1} Jazzer
 * mutates them (see the module README). Invariants: parsing never throws; it is deterministic; a load is either
 * LOADED with no problem and rules that the evaluator compiles (ids unique, actions and resources not empty, an
 * approval exactly on require-approval rules), or REJECTED with no rule set and every problem naming this file at a
 * line within the file.
 */
class PolicyFileFuzzTest {

    private static final String FILE = "fuzz.yaml";

    @FuzzTest(maxDuration = "2m")
    void parse(byte[] data) {
        PolicyFiles files = new PolicyFiles(Path.of("fuzz"), true, Map.of(FILE, data), List.of(),
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        PolicyLoad load = PolicyLoad.parse(files);
        assertThat(PolicyLoad.parse(files).problems()).as("deterministic").isEqualTo(load.problems());
        if (load.state() == PolicyLoad.State.REJECTED) {
            assertThat(load.ruleSet()).isEmpty();
            assertThat(load.problems()).isNotEmpty().allSatisfy(problem -> {
                assertThat(problem.file()).isEqualTo(FILE);
                assertThat(problem.line()).isBetween(0, data.length + 1);
                assertThat(problem.message()).isNotBlank();
            });
            return;
        }
        assertThat(load.state()).isEqualTo(PolicyLoad.State.LOADED);
        assertThat(load.problems()).isEmpty();
        RuleSet rules = load.ruleSet().orElseThrow();
        Set<String> ids = new HashSet<>();
        for (PolicyRule rule : rules.rules()) {
            assertThat(ids.add(rule.id())).as("unique id %s", rule.id()).isTrue();
            assertThat(rule.actions()).isNotEmpty();
            assertThat(rule.resources()).isNotEmpty();
            assertThat(rule.approval().isPresent()).isEqualTo(rule.effect() == PolicyRule.Effect.REQUIRE_APPROVAL);
        }
        assertThat(PolicyEvaluator.compile(List.of(rules)).ruleCount()).isEqualTo(rules.rules().size());
    }
}
