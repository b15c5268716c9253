package io.gatehouse.proxy.internal.forward;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One upstream endpoint: {@code etc/io.gatehouse.proxy.endpoint-NAME.cfg}. */
@ObjectClassDefinition(id = EndpointConfig.FACTORY_PID, name = "Gatehouse upstream endpoint",
        description = "Where calls for one service (and region) are forwarded instead of the AWS regional endpoint.")
public @interface EndpointConfig {

    /** The factory configuration PID. */
    String FACTORY_PID = "io.gatehouse.proxy.endpoint";

    /** @return the SigV4 signing name of the service */
    @AttributeDefinition(name = "Service", description = "SigV4 signing name of the service, e.g. dynamodb.")
    String service();

    /** @return the region, or {@code *} for every region */
    @AttributeDefinition(name = "Region", description = "Region the endpoint serves, or * for every region.",
            required = false)
    String region() default "*";

    /** @return the endpoint URL */
    @AttributeDefinition(name = "URL", description = "http:// or https:// URL of the endpoint, without path.")
    String url();
}
