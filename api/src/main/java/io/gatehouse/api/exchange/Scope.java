package io.gatehouse.api.exchange;

import java.util.List;
import java.util.Locale;

/**
 * What a session may be used for at most: IAM-style action patterns ({@code dynamodb:GetItem},
 * {@code dynamodb:Get*}, {@code *}) and resource ARN patterns. In both, {@code *} matches any run of characters
 * (including {@code :} and {@code /}) and {@code ?} exactly one; actions compare without regard to case, resources
 * exactly. Policy decides within the scope; nothing outside it is ever allowed.
 *
 * @param actions the action patterns, at least one
 * @param resources the resource patterns, at least one
 * @since 1.1
 */
public record Scope(List<String> actions, List<String> resources) {

    /** Everything: the scope of a session issued directly from a sign-in or a configured key. */
    public static final Scope ALL = new Scope(List.of("*"), List.of("*"));

    /** Copies the lists and checks that neither is empty. */
    public Scope {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        if (actions.isEmpty() || resources.isEmpty()) {
            throw new IllegalArgumentException("a scope needs at least one action and one resource pattern");
        }
    }

    /**
     * Decides whether an operation lies within this scope: its action matches an action pattern and every resource
     * it touches matches a resource pattern. An operation that names no resource (an account-level call such as
     * {@code ListTables}) needs the resource pattern {@code *}, as IAM requires {@code "Resource": "*"} for it.
     *
     * @param operation the decoded call
     * @return whether the call is within the scope
     */
    public boolean permits(AwsOperation operation) {
        String action = operation.iamAction().toLowerCase(Locale.ROOT);
        boolean actionAllowed = actions.stream().anyMatch(p -> matches(p.toLowerCase(Locale.ROOT), action));
        if (!actionAllowed) {
            return false;
        }
        if (operation.resources().isEmpty()) {
            return resources.contains("*");
        }
        return operation.resources().stream()
                .allMatch(resource -> resources.stream().anyMatch(p -> matches(p, resource)));
    }

    /**
     * @param pattern a pattern with {@code *} and {@code ?} wildcards
     * @param text a concrete string
     * @return whether the pattern matches the whole string
     */
    public static boolean matches(String pattern, String text) {
        boolean[] next = new boolean[text.length() + 1];
        next[text.length()] = true;
        for (int i = pattern.length() - 1; i >= 0; i--) {
            char pc = pattern.charAt(i);
            boolean[] current = new boolean[text.length() + 1];
            for (int j = text.length(); j >= 0; j--) {
                if (pc == '*') {
                    current[j] = next[j] || j < text.length() && current[j + 1];
                } else if (j < text.length()) {
                    current[j] = (pc == '?' || pc == text.charAt(j)) && next[j + 1];
                }
            }
            next = current;
        }
        return next[0];
    }
}
