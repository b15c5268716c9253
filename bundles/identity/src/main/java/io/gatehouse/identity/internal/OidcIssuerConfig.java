package io.gatehouse.identity.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/io.gatehouse.identity.issuer-NAME.cfg}: one trusted OIDC issuer. */
@ObjectClassDefinition(id = OidcIssuerConfig.FACTORY_PID, name = "Gatehouse OIDC issuer",
        description = "An identity provider whose tokens Gatehouse exchanges for session credentials")
public @interface OidcIssuerConfig {

    /** The factory PID. */
    String FACTORY_PID = "io.gatehouse.identity.issuer";

    @AttributeDefinition(name = "Issuer", description = "The exact iss; discovery at ISSUER/.well-known/"
            + "openid-configuration gives the JWKS unless jwks.url is set")
    String issuer();

    @AttributeDefinition(name = "Audience", description = "Accepted aud values (comma separated)")
    String[] audience();

    @AttributeDefinition(name = "Algorithms", description = "Pinned signature algorithms")
    String[] algorithms() default {"RS256", "ES256"};

    @AttributeDefinition(name = "Token types", description = "Accepted JOSE typ values")
    String[] token_types() default {"at+jwt", "application/at+jwt"};

    @AttributeDefinition(name = "Allow missing typ", description = "Accept tokens without a typ header")
    boolean allow_missing_type() default false;

    @AttributeDefinition(name = "Groups claim", description = "The claim that lists the subject's groups")
    String groups_claim() default "groups";

    @AttributeDefinition(name = "Maximum groups", description = "More is an overflow, refused as unresolved")
    int max_groups() default 256;

    @AttributeDefinition(name = "Group mappings", description = "CLAIM:VALUE=GROUP entries, e.g. azp:ci=deployers")
    String[] group_mappings() default {};

    @AttributeDefinition(name = "JWKS URL", description = "Overrides discovery")
    String jwks_url() default "";

    @AttributeDefinition(name = "JWKS cache (s)", description = "How long fetched keys are used")
    long jwks_cache_seconds() default 300;

    @AttributeDefinition(name = "JWKS re-fetch interval (s)", description = "At most one fetch per interval for "
            + "unknown key ids")
    long jwks_min_refetch_seconds() default 30;

    @AttributeDefinition(name = "JWKS outage tolerance (s)", description = "How long cached keys keep working "
            + "while the JWKS endpoint is down")
    long jwks_outage_tolerance_seconds() default 900;

    @AttributeDefinition(name = "Maximum token size", description = "Longer tokens are refused before parsing")
    int max_token_chars() default 16384;

    @AttributeDefinition(name = "Clock skew (s)", description = "At most 60")
    int clock_skew_seconds() default 60;
}
