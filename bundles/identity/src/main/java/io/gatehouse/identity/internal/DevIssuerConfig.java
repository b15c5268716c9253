package io.gatehouse.identity.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/io.gatehouse.identity.dev.cfg}: the development issuer, off unless {@code enabled = true}. */
@ObjectClassDefinition(id = DevIssuerConfig.PID, name = "Gatehouse development issuer",
        description = "Lets callers on this machine name themselves and their groups. Never enable in production.")
public @interface DevIssuerConfig {

    /** The configuration PID. */
    String PID = "io.gatehouse.identity.dev";

    @AttributeDefinition(name = "Enabled", description = "Accept subject_token_type=urn:gatehouse:token-type:dev "
            + "from loopback callers")
    boolean enabled() default false;
}
