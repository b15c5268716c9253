package io.gatehouse.policy.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Fuzz target of policy patterns against an independent reference: a {@link Wildcard} matches exactly when the
 * regular expression made from the pattern ({@code *} as {@code .*}, {@code ?} as one character, everything else
 * quoted, the whole text, newlines included) matches. Complements {@code WildcardFuzzTest}, which compares with
 * {@code Scope.matches}. Under a normal build it runs the committed seeds in
 * {@code WildcardRegexFuzzTestInputs/matchesLikeRegex/} (regression mode); {@code JAZZER_FUZZ=1} fuzzes (README).
 * An input is the pattern, a newline, then the text (UTF-8, malformed bytes replaced; at most 64 characters each).
 *
 * <p>Invariants: the same answer as the regex; a pattern without wildcards matches only itself; every pattern
 * matches the text it spells with its wildcards filled in; and {@code matchesEverything} holds exactly for a
 * non-empty pattern of only {@code *}. {@code ?} is one UTF-16 character, as in {@code Scope.matches}: surrogates
 * are mapped to private-use characters in both pattern and text first, so that the regex counts characters too.
 */
class WildcardRegexFuzzTest {

    private static final int MAX_CHARS = 64;
    /** More star runs than this make the regex reference itself slow (backtracking); they are still matched. */
    private static final int MAX_STAR_RUNS = 5;

    @FuzzTest(maxDuration = "2m")
    void matchesLikeRegex(byte[] data) {
        String[] parts = new String(data, StandardCharsets.UTF_8).split("\n", 2);
        String pattern = bmp(parts[0]);
        String text = bmp(parts.length > 1 ? parts[1] : "");
        if (pattern.length() > MAX_CHARS || text.length() > MAX_CHARS) {
            pattern = pattern.substring(0, Math.min(pattern.length(), MAX_CHARS));
            text = text.substring(0, Math.min(text.length(), MAX_CHARS));
        }
        Wildcard wildcard = Wildcard.compile(pattern);
        boolean matches = wildcard.matches(text);

        if (starRuns(pattern) <= MAX_STAR_RUNS) {
            assertThat(matches).as("'%s' against '%s', as the regex %s", pattern, text, regex(pattern))
                    .isEqualTo(regex(pattern).matcher(text).matches());
        }
        if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) {
            assertThat(matches).as("a literal matches only itself").isEqualTo(pattern.equals(text));
        }
        String spelled = pattern.replace("*", "").replace('?', 'x');
        assertThat(wildcard.matches(spelled)).as("'%s' against the text it spells, '%s'", pattern, spelled).isTrue();
        assertThat(wildcard.matchesEverything()).isEqualTo(!pattern.isEmpty()
                && pattern.chars().allMatch(c -> c == '*'));
        assertThat(wildcard.matches(text)).as("deterministic").isEqualTo(matches);
    }

    /** The reference: {@code *} any run, {@code ?} one character, everything else literally; whole text, DOTALL. */
    private static Pattern regex(String pattern) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                if (c == '?') {
                    regex.append('.');
                } else if (regex.length() < 2 || !regex.substring(regex.length() - 2).equals(".*")) {
                    regex.append(".*");
                }
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static int starRuns(String pattern) {
        int runs = 0;
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) == '*' && (i == 0 || pattern.charAt(i - 1) != '*')) {
                runs++;
            }
        }
        return runs;
    }

    /** Surrogates to private-use characters (U+E000 + offset), so that a regex {@code .} is one UTF-16 character. */
    private static String bmp(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(Character.isSurrogate(c) ? (char) (0xE000 + (c - Character.MIN_SURROGATE)) : c);
        }
        return out.toString();
    }
}
