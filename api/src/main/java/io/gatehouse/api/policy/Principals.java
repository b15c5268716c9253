package io.gatehouse.api.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a rule applies to. Every non-empty criterion must hold; an empty list means "anyone". Subject and actor
 * patterns use {@code *} and {@code ?} wildcards and compare exactly.
 *
 * @param subjects patterns of the subject at the root of the delegation chain (the person, CI job or agent that
 *        signed in)
 * @param groups the rule applies when the subject is in any of these groups
 * @param actors patterns of the current actor (the last delegate, or the subject when not delegated)
 * @param minDepth the rule applies only when the delegation chain has at least this many links (1 = any agent
 *        acting on delegated credentials), when present
 * @param maxDepth the rule applies only when the chain has at most this many links (0 = direct callers only), when
 *        present
 * @since 1.0
 */
public record Principals(List<String> subjects, List<String> groups, List<String> actors,
                         Optional<Integer> minDepth, Optional<Integer> maxDepth) {

    /** Anyone. */
    public static final Principals ANYONE = new Principals(List.of(), List.of(), List.of(), Optional.empty(),
            Optional.empty());

    /** Copies the lists and validates the components. */
    public Principals {
        subjects = List.copyOf(subjects);
        groups = List.copyOf(groups);
        actors = List.copyOf(actors);
        Objects.requireNonNull(minDepth, "minDepth");
        Objects.requireNonNull(maxDepth, "maxDepth");
    }
}
