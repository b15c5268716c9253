package io.gatehouse.api.policy;

import java.util.List;
import java.util.Objects;

/**
 * An immutable snapshot of the rules of one {@link PolicySource}.
 *
 * @param source the name of the source, e.g. {@code files} or {@code grants}
 * @param version identifies this snapshot, e.g. a content hash; recorded with every decision made from it
 * @param rules the rules; their order never changes a decision
 * @since 1.0
 */
public record RuleSet(String source, String version, List<PolicyRule> rules) {

    /** Copies the list and validates that no component is null. */
    public RuleSet {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(version, "version");
        rules = List.copyOf(rules);
    }

    /**
     * @param source the name of the source
     * @return a rule set without rules
     */
    public static RuleSet empty(String source) {
        return new RuleSet(source, "empty", List.of());
    }
}
