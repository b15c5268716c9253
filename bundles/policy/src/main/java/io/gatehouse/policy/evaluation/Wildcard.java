package io.gatehouse.policy.evaluation;

/**
 * A compiled {@code *}/{@code ?} pattern with exactly the semantics of
 * {@link io.gatehouse.api.exchange.Scope#matches(String, String)}: {@code *} matches any run of characters (also
 * none, also {@code :} and {@code /}), {@code ?} exactly one, everything else itself; the whole text must match.
 * Matching allocates nothing; the common shapes ({@code *}, literal, {@code prefix*}, patterns whose only wildcard is
 * {@code *}) use {@code startsWith}, {@code endsWith} and {@code indexOf}.
 */
public final class Wildcard {

    private enum Shape { ANY, LITERAL, PREFIX, SEGMENTS, GENERAL }

    private final String pattern;
    private final Shape shape;
    private final String prefix;
    private final String[] segments;

    private Wildcard(String pattern) {
        this.pattern = pattern;
        int firstWild = firstWildcard(pattern);
        if (firstWild < 0) {
            shape = Shape.LITERAL;
            prefix = pattern;
        } else if (pattern.chars().allMatch(c -> c == '*')) {
            shape = Shape.ANY;
            prefix = "";
        } else if (firstWild == pattern.length() - 1 && pattern.charAt(firstWild) == '*') {
            shape = Shape.PREFIX;
            prefix = pattern.substring(0, firstWild);
        } else if (pattern.indexOf('?') < 0) {
            shape = Shape.SEGMENTS;
            prefix = pattern.substring(0, firstWild);
        } else {
            shape = Shape.GENERAL;
            prefix = pattern.substring(0, firstWild);
        }
        this.segments = shape == Shape.SEGMENTS ? pattern.split("\\*", -1) : new String[0];
    }

    /**
     * @param pattern the pattern
     * @return the compiled pattern
     */
    public static Wildcard compile(String pattern) {
        return new Wildcard(pattern);
    }

    /** @return the pattern as written */
    public String pattern() {
        return pattern;
    }

    /** @return whether the pattern matches every text */
    public boolean matchesEverything() {
        return shape == Shape.ANY;
    }

    /**
     * @param text a concrete string
     * @return whether the pattern matches the whole text
     */
    public boolean matches(String text) {
        switch (shape) {
            case ANY:
                return true;
            case LITERAL:
                return pattern.equals(text);
            case PREFIX:
                return text.startsWith(prefix);
            case SEGMENTS:
                return segments(text);
            default:
                return text.startsWith(prefix) && general(pattern, text, prefix.length());
        }
    }

    /**
     * Only {@code *} wildcards: the first segment is a prefix, the last a suffix, and the ones between are found left
     * to right, each as early as possible (leftmost matching is optimal when {@code *} is the only wildcard).
     */
    private boolean segments(String text) {
        String first = segments[0];
        String last = segments[segments.length - 1];
        if (text.length() < first.length() + last.length() || !text.startsWith(first) || !text.endsWith(last)) {
            return false;
        }
        int from = first.length();
        int end = text.length() - last.length();
        for (int i = 1; i < segments.length - 1; i++) {
            String segment = segments[i];
            if (segment.isEmpty()) {
                continue;
            }
            int at = text.indexOf(segment, from);
            if (at < 0 || at + segment.length() > end) {
                return false;
            }
            from = at + segment.length();
        }
        return true;
    }

    /** Greedy matching with backtracking to the last {@code *}: O(pattern × text) at worst, no allocation. */
    private static boolean general(String pattern, String text, int start) {
        int p = start;
        int t = start;
        int star = -1;
        int starText = 0;
        int patternLength = pattern.length();
        int textLength = text.length();
        while (t < textLength) {
            char pc = p < patternLength ? pattern.charAt(p) : 0;
            if (p < patternLength && pc != '*' && (pc == '?' || pc == text.charAt(t))) {
                p++;
                t++;
            } else if (p < patternLength && pc == '*') {
                star = p++;
                starText = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++starText;
            } else {
                return false;
            }
        }
        while (p < patternLength && pattern.charAt(p) == '*') {
            p++;
        }
        return p == patternLength;
    }

    private static int firstWildcard(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
