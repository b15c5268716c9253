package io.gatehouse.identity.internal.oidc;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How one trusted OIDC issuer's tokens are judged.
 *
 * @param name short name of the issuer (the configuration file's NAME)
 * @param issuer the exact {@code iss}
 * @param audiences accepted {@code aud} values; at least one must be in the token
 * @param algorithms the pinned signature algorithms
 * @param tokenTypes accepted JOSE {@code typ} values; {@link JOSEObjectType#JWT} also admits a token without typ
 *        only when {@code allowMissingType}
 * @param allowMissingType whether a token without {@code typ} is accepted
 * @param groupsClaim the claim that lists the subject's groups
 * @param maxGroups more groups than this is an overflow: unresolved, refused
 * @param groupMappings {@code CLAIM:VALUE=GROUP} entries: the subject gets GROUP when CLAIM is or contains VALUE
 * @param maxTokenChars longer tokens are refused before parsing
 * @param skewSeconds accepted clock skew, at most 60
 */
public record OidcSettings(String name, String issuer, Set<String> audiences, Set<JWSAlgorithm> algorithms,
                           Set<JOSEObjectType> tokenTypes, boolean allowMissingType, String groupsClaim,
                           int maxGroups, List<String> groupMappings, int maxTokenChars, int skewSeconds) {

    /** The largest clock skew ever accepted. */
    public static final int MAX_SKEW_SECONDS = 60;

    /** Copies the collections and validates the bounds. */
    public OidcSettings {
        Objects.requireNonNull(name, "name");
        if (Objects.requireNonNull(issuer, "issuer").isBlank()) {
            throw new IllegalArgumentException("issuer is required");
        }
        audiences = Set.copyOf(audiences);
        algorithms = Set.copyOf(algorithms);
        tokenTypes = Set.copyOf(tokenTypes);
        groupMappings = List.copyOf(groupMappings);
        if (audiences.isEmpty()) {
            throw new IllegalArgumentException("audience is required");
        }
        if (algorithms.isEmpty() || algorithms.stream().anyMatch(a -> !JWSAlgorithm.Family.SIGNATURE.contains(a))) {
            throw new IllegalArgumentException("algorithms must be asymmetric signature algorithms (RS256, ES256, ...)");
        }
        if (skewSeconds < 0 || skewSeconds > MAX_SKEW_SECONDS) {
            throw new IllegalArgumentException("clock skew must be 0-" + MAX_SKEW_SECONDS + " s");
        }
        for (String mapping : groupMappings) {
            if (!mapping.matches("[^:=]+:[^=]+=.+")) {
                throw new IllegalArgumentException("group mapping '" + mapping + "' is not CLAIM:VALUE=GROUP");
            }
        }
    }
}
