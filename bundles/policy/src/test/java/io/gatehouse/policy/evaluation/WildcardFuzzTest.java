package io.gatehouse.policy.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gatehouse.api.exchange.Scope;

/**
 * Fuzz target of policy patterns: any pattern and text (at most 64 characters each) give the same answer from the
 * compiled {@link Wildcard} as from {@link Scope#matches}, the reference semantics of scopes and policies. Committed
 * seeds in {@code WildcardFuzzTestInputs/matches/} run in every build; {@code JAZZER_FUZZ=1} fuzzes (README).
 */
class WildcardFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void matches(FuzzedDataProvider data) {
        String pattern = data.consumeString(64);
        String text = data.consumeRemainingAsString();
        if (text.length() > 64) {
            text = text.substring(0, 64);
        }
        assertThat(Wildcard.compile(pattern).matches(text)).as("'%s' vs '%s'", pattern, text)
                .isEqualTo(Scope.matches(pattern, text));
        assertThat(Wildcard.compile(pattern.toLowerCase(java.util.Locale.ROOT)).matchesEverything())
                .isEqualTo(!pattern.isEmpty() && pattern.chars().allMatch(c -> c == '*'));
    }
}
