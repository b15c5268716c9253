package io.gatehouse.identity.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopePatternsTest {

    private static final String ALPHABET = "ab:/";

    @ParameterizedTest(name = "{0} within {1}: {2}")
    @CsvSource({
        "arn:aws:s3:::logs/2026/*, arn:aws:s3:::logs/*, true",
        "arn:aws:s3:::logs*, arn:aws:s3:::logs/*, false",
        "arn:aws:s3:::logs/*, arn:aws:s3:::logs/2026/*, false",
        "arn:aws:dynamodb:us-east-1:1:table/Orders, arn:aws:dynamodb:*:*:table/Orders, true",
        "arn:aws:dynamodb:*:*:table/Orders, arn:aws:dynamodb:us-east-1:*:table/Orders, false",
        "*, *, true",
        "anything, *, true",
        "*, anything, false",
        "a?c, a*c, true",
        "a*c, a?c, false",
        "?*, *?, true",
        "*?, ?*, true",
        "a**, a*, true",
        "a?, a*, true",
        "a*, a?, false",
        "table/Orders, table/Order?, true",
        "table/Order?, table/Orders, false",
    })
    void withinIsJudgedExactly(String child, String parent, boolean within) {
        assertThat(ScopePatterns.within(child, parent)).isEqualTo(within);
    }

    @Test
    void actionsCompareWithoutCaseAndEveryPatternMustFit() {
        SessionScope parent = new SessionScope(List.of("dynamodb:Get*", "dynamodb:Query"), List.of("arn:*:table/A"));

        assertThat(ScopePatterns.within(new SessionScope(List.of("DynamoDB:GetItem"), List.of("arn:x:table/A")),
                parent)).isTrue();
        assertThat(ScopePatterns.within(new SessionScope(List.of("dynamodb:GetItem", "dynamodb:PutItem"),
                List.of("arn:x:table/A")), parent)).isFalse();
        assertThat(ScopePatterns.within(new SessionScope(List.of("dynamodb:GetItem"), List.of("arn:x:table/*")),
                parent)).isFalse();
    }

    /** Soundness: whenever a pattern is judged within another, no string it matches escapes the other. */
    @Test
    void noStringMatchedByAChildEscapesItsParent() {
        Random random = new Random(20261125);
        int judgedWithin = 0;
        for (int i = 0; i < 200_000; i++) {
            String parent = randomPattern(random);
            String child = random.nextBoolean() ? randomPattern(random) : narrow(parent, random);
            if (!ScopePatterns.within(child, parent)) {
                continue;
            }
            judgedWithin++;
            for (int s = 0; s < 20; s++) {
                String text = s % 2 == 0 ? instance(child, random) : randomText(random, 6);
                if (ScopePatterns.matches(child, text)) {
                    assertThat(ScopePatterns.matches(parent, text)).as("%s within %s but %s escapes", child, parent,
                            text).isTrue();
                }
            }
        }
        assertThat(judgedWithin).isGreaterThan(10_000);
    }

    static String randomPattern(Random random) {
        StringBuilder pattern = new StringBuilder();
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(6);
            pattern.append(kind == 0 ? '*' : kind == 1 ? '?' : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return pattern.toString();
    }

    /** Replaces wildcards of a pattern by narrower pieces: often within, by construction. */
    static String narrow(String pattern, Random random) {
        StringBuilder out = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            if (ch == '*') {
                int choice = random.nextInt(4);
                out.append(choice == 0 ? "*" : choice == 1 ? "" : choice == 2 ? randomText(random, 2) + "*"
                        : "?");
            } else if (ch == '?' && random.nextBoolean()) {
                out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    static String instance(String pattern, Random random) {
        StringBuilder out = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            out.append(ch == '*' ? randomText(random, 3) : ch == '?' ? randomText(random, 1).repeat(1) : ch);
        }
        return out.toString();
    }

    static String randomText(Random random, int max) {
        StringBuilder text = new StringBuilder();
        int length = max == 1 ? 1 : random.nextInt(max + 1);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
