package io.gatehouse.identity.internal.session;

import java.util.List;

/**
 * What a session may be used for: IAM-style action patterns ({@code dynamodb:GetItem}, {@code dynamodb:Get*},
 * {@code *}) and resource ARN patterns ({@code *} and {@code ?} wildcards).
 *
 * @param actions the action patterns, at least one
 * @param resources the resource patterns, at least one
 */
public record SessionScope(List<String> actions, List<String> resources) {

    /** Everything: the scope of a session issued directly from a sign-in, which policy then narrows. */
    public static final SessionScope ALL = new SessionScope(List.of("*"), List.of("*"));

    /** Copies the lists and checks they are not empty. */
    public SessionScope {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        if (actions.isEmpty() || resources.isEmpty()) {
            throw new IllegalArgumentException("a scope needs at least one action and one resource pattern");
        }
    }
}
