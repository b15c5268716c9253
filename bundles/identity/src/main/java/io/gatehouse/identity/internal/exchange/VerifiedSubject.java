package io.gatehouse.identity.internal.exchange;

import java.util.Objects;
import java.util.Set;

/**
 * Who a verified subject token names.
 *
 * @param subject the subject ({@code sub}, qualified by the issuer's name when several issuers are trusted)
 * @param groups its resolved groups
 * @param issuer a short name of the issuer that vouched for it
 */
public record VerifiedSubject(String subject, Set<String> groups, String issuer) {

    /** Copies the groups. */
    public VerifiedSubject {
        Objects.requireNonNull(subject, "subject");
        groups = Set.copyOf(groups);
        Objects.requireNonNull(issuer, "issuer");
    }
}
