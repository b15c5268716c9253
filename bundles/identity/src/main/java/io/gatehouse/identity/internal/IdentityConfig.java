package io.gatehouse.identity.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/io.gatehouse.identity.cfg}: the gateway key and the bounds of issued sessions. */
@ObjectClassDefinition(id = IdentityConfig.PID, name = "Gatehouse identity",
        description = "The gateway key that signs sessions, and session lifetimes")
public @interface IdentityConfig {

    /** The configuration PID. */
    String PID = "io.gatehouse.identity";

    @AttributeDefinition(name = "Gateway key", description = "Base64, at least 32 bytes. Every node of a cluster "
            + "needs the same key. When absent, one is generated into data/gateway.key (single node only).",
            type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String gateway_key() default "";

    @AttributeDefinition(name = "Default lifetime (s)", description = "Lifetime of a session when none is requested")
    long default_lifetime_seconds() default 3600;

    @AttributeDefinition(name = "Maximum lifetime (s)", description = "Longest lifetime a caller may request")
    long max_lifetime_seconds() default 43200;

    @AttributeDefinition(name = "Maximum delegation depth", description = "Longest delegation chain")
    int max_delegation_depth() default 4;
}
