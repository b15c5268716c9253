package io.gatehouse.policy.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.api.exchange.Scope;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WildcardTest {

    @Test
    void edgeCases() {
        assertThat(Wildcard.compile("").matches("")).isTrue();
        assertThat(Wildcard.compile("").matches("a")).isFalse();
        assertThat(Wildcard.compile("*").matches("")).isTrue();
        assertThat(Wildcard.compile("**").matches("a:b/c")).isTrue();
        assertThat(Wildcard.compile("?").matches("")).isFalse();
        assertThat(Wildcard.compile("a*b").matches("ab")).isTrue();
        assertThat(Wildcard.compile("a*b").matches("axxbxxb")).isTrue();
        assertThat(Wildcard.compile("a*b").matches("axxbxxc")).isFalse();
        assertThat(Wildcard.compile("a*b*c").matches("abbbc")).isTrue();
        assertThat(Wildcard.compile("table/prod-*").matches("table/prod-")).isTrue();
        assertThat(Wildcard.compile("table/prod-*").matches("table/pro")).isFalse();
        assertThat(Wildcard.compile("*x").matches("x")).isTrue();
        assertThat(Wildcard.compile("a?c").matches("a*c")).isTrue();
        assertThat(Wildcard.compile("a*").matches("b")).isFalse();
    }

    /** The same answers as Scope.matches (the semantics the rest of Gatehouse uses) on 200,000 random pairs. */
    @Test
    void agreesWithScopeMatchesOnRandomInput() {
        Random random = new Random(20261125L);
        String alphabet = "ab*?:/";
        for (int i = 0; i < 200_000; i++) {
            String pattern = random(random, alphabet, 8);
            String text = random(random, "ab:/*?", 10);
            assertThat(Wildcard.compile(pattern).matches(text)).as("%s vs %s", pattern, text)
                    .isEqualTo(Scope.matches(pattern, text));
        }
    }

    /** The same for patterns whose only wildcard is * (matched by segments, not by backtracking). */
    @Test
    void starOnlyPatternsAgreeWithScopeMatches() {
        Random random = new Random(17L);
        for (int i = 0; i < 200_000; i++) {
            String pattern = random(random, "aab**:", 9);
            String text = random(random, "ab:", 12);
            assertThat(Wildcard.compile(pattern).matches(text)).as("%s vs %s", pattern, text)
                    .isEqualTo(Scope.matches(pattern, text));
        }
    }

    private static String random(Random random, String alphabet, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
