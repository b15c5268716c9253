package io.gatehouse.plugins.aws.sts.internal;

import java.util.Set;

/**
 * The STS actions Gatehouse decodes (API 2011-06-15). Another action — {@code AssumeRoot} among them — is refused
 * rather than decoded without knowing what it touches.
 */
final class StsActions {

    /** Actions whose resource is the role {@code RoleArn}. */
    static final Set<String> ON_ROLE = Set.of("AssumeRole", "AssumeRoleWithWebIdentity", "AssumeRoleWithSAML");
    /** Actions that touch no resource: policy decides them on the action alone. */
    static final Set<String> NO_RESOURCE = Set.of("GetCallerIdentity", "GetSessionToken",
            "DecodeAuthorizationMessage", "GetAccessKeyInfo");
    /** The federated user {@code Name}, in the caller's account. */
    static final String FEDERATION = "GetFederationToken";

    private StsActions() {
    }

    static boolean isKnown(String action) {
        return ON_ROLE.contains(action) || NO_RESOURCE.contains(action) || FEDERATION.equals(action);
    }
}
