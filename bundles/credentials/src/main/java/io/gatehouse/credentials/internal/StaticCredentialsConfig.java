package io.gatehouse.credentials.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of {@link StaticCredentialBroker}: {@code etc/io.gatehouse.credentials.static.cfg}. */
@ObjectClassDefinition(id = StaticCredentialsConfig.PID, name = "Gatehouse static upstream credentials",
        description = "One fixed set of AWS keys that Gatehouse re-signs allowed calls with. For development only; "
                + "clients never see these keys.")
public @interface StaticCredentialsConfig {

    /** The configuration PID. */
    String PID = "io.gatehouse.credentials.static";

    /** @return the upstream access key id */
    @AttributeDefinition(name = "Access key id", description = "Upstream AWS access key id.")
    String access_key_id();

    /** @return the upstream secret */
    @AttributeDefinition(name = "Secret access key", description = "Upstream AWS secret access key.",
            type = AttributeType.PASSWORD)
    String secret_access_key();

    /** @return the session token of temporary keys, empty for long-term keys */
    @AttributeDefinition(name = "Session token", description = "Session token when the keys are temporary.",
            type = AttributeType.PASSWORD, required = false)
    String session_token() default "";
}
