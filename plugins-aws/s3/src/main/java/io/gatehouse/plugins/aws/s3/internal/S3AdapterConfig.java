package io.gatehouse.plugins.aws.s3.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of {@link S3Adapter}: {@code etc/io.gatehouse.plugins.aws.s3.cfg} (optional). */
@ObjectClassDefinition(id = S3AdapterConfig.PID, name = "Gatehouse S3 adapter",
        description = "How the S3 adapter reads the bucket from a virtual-hosted-style Host header.")
public @interface S3AdapterConfig {

    /** The configuration PID. */
    String PID = "io.gatehouse.plugins.aws.s3";

    /** @return the gateway's own S3 host names, comma-separated */
    @AttributeDefinition(name = "Virtual-host domains",
            description = "Comma-separated host names at which clients reach the gateway for S3 with "
                    + "virtual-hosted-style addressing, e.g. s3.gatehouse.example.com: a Host of "
                    + "BUCKET.s3.gatehouse.example.com then names BUCKET (port and case ignored). Hosts ending in "
                    + "the AWS S3 endpoint suffixes (BUCKET.s3.REGION.amazonaws.com) are always read this way. "
                    + "Empty: every other Host means path style.")
    String virtual_host_domains() default "";
}
