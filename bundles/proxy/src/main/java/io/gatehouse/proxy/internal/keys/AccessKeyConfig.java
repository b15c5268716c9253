package io.gatehouse.proxy.internal.keys;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One client access key: {@code etc/io.gatehouse.proxy.accesskey-NAME.cfg}. Until Gatehouse issues credentials
 * from OIDC sign-in, these configured keys are how clients authenticate.
 */
@ObjectClassDefinition(id = AccessKeyConfig.FACTORY_PID, name = "Gatehouse client access key",
        description = "An access key a client signs its AWS requests to the gateway with. One file per key.")
public @interface AccessKeyConfig {

    /** The factory configuration PID. */
    String FACTORY_PID = "io.gatehouse.proxy.accesskey";

    /** @return the access key id clients sign with */
    @AttributeDefinition(name = "Access key id",
            description = "16 to 128 characters of A-Z and 0-9, as AWS access key ids are.")
    String access_key_id();

    /** @return the secret clients sign with */
    @AttributeDefinition(name = "Secret access key", description = "At least 16 characters.",
            type = AttributeType.PASSWORD)
    String secret_access_key();

    /** @return who uses the key */
    @AttributeDefinition(name = "Subject", description = "Who uses this key: a person, CI job or agent.")
    String subject();

    /** @return the subject's groups, comma separated */
    @AttributeDefinition(name = "Groups", description = "The subject's groups, comma separated.", required = false)
    String groups() default "";
}
