package io.gatehouse.identity.internal.session;

import java.util.List;
import java.util.Locale;

/**
 * Decides whether one wildcard pattern ({@code *} any run of characters, {@code ?} exactly one) matches nothing its
 * parent pattern does not. The check is symbolic: the parent must match the child's pattern text with the child's
 * {@code *} matched only by a parent {@code *} and the child's {@code ?} only by a parent {@code ?} or {@code *}.
 * That is sound — whenever it says "within", every string the child matches the parent matches too — and after
 * putting every run of wildcards in a canonical order ({@code ?} before {@code *}, repeated {@code *} collapsed) it
 * decides the cases delegation meets. When in doubt, it says "wider": a child is refused rather than widened.
 */
public final class ScopePatterns {

    private ScopePatterns() {
    }

    /**
     * @param child the child's scope
     * @param parent the parent's scope
     * @return whether every action and resource pattern of the child lies within some pattern of the parent
     */
    public static boolean within(SessionScope child, SessionScope parent) {
        return child.actions().stream().allMatch(a -> withinAny(a.toLowerCase(Locale.ROOT),
                parent.actions().stream().map(p -> p.toLowerCase(Locale.ROOT)).toList()))
                && child.resources().stream().allMatch(r -> withinAny(r, parent.resources()));
    }

    private static boolean withinAny(String child, List<String> parents) {
        return parents.stream().anyMatch(parent -> within(child, parent));
    }

    /**
     * @param child a pattern
     * @param parent another pattern
     * @return whether every string {@code child} matches is matched by {@code parent}
     */
    public static boolean within(String child, String parent) {
        String c = canonical(child);
        String p = canonical(parent);
        // covered[i][j]: parent[i..] covers child[j..]
        boolean[][] covered = new boolean[p.length() + 1][c.length() + 1];
        covered[p.length()][c.length()] = true;
        for (int i = p.length() - 1; i >= 0; i--) {
            char pc = p.charAt(i);
            for (int j = c.length(); j >= 0; j--) {
                if (pc == '*') {
                    covered[i][j] = covered[i + 1][j] || j < c.length() && covered[i][j + 1];
                } else if (j < c.length()) {
                    char cc = c.charAt(j);
                    boolean one = pc == '?' ? cc != '*' : cc == pc && cc != '*' && cc != '?';
                    covered[i][j] = one && covered[i + 1][j + 1];
                }
            }
        }
        return covered[0][0];
    }

    /**
     * @param pattern a pattern
     * @param text a concrete string
     * @return whether the pattern matches the string
     */
    public static boolean matches(String pattern, String text) {
        boolean[][] match = new boolean[pattern.length() + 1][text.length() + 1];
        match[pattern.length()][text.length()] = true;
        for (int i = pattern.length() - 1; i >= 0; i--) {
            char pc = pattern.charAt(i);
            for (int j = text.length(); j >= 0; j--) {
                if (pc == '*') {
                    match[i][j] = match[i + 1][j] || j < text.length() && match[i][j + 1];
                } else if (j < text.length()) {
                    match[i][j] = (pc == '?' || pc == text.charAt(j)) && match[i + 1][j + 1];
                }
            }
        }
        return match[0][0];
    }

    /** Orders each run of wildcards as {@code ?...?*} ({@code *?} and {@code ?*} match the same strings). */
    static String canonical(String pattern) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char ch = pattern.charAt(i);
            if (ch != '*' && ch != '?') {
                out.append(ch);
                i++;
                continue;
            }
            int questions = 0;
            boolean star = false;
            while (i < pattern.length() && (pattern.charAt(i) == '*' || pattern.charAt(i) == '?')) {
                questions += pattern.charAt(i) == '?' ? 1 : 0;
                star |= pattern.charAt(i) == '*';
                i++;
            }
            out.append("?".repeat(questions)).append(star ? "*" : "");
        }
        return out.toString();
    }
}
