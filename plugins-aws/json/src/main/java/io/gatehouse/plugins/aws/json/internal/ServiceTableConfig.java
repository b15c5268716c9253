package io.gatehouse.plugins.aws.json.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of {@link ServiceTableExtender}: {@code etc/io.gatehouse.plugins.aws.json.cfg} (optional). */
@ObjectClassDefinition(id = ServiceTableConfig.PID, name = "Gatehouse JSON service tables",
        description = "Limits the table-driven JSON and REST-JSON adapters apply to request bodies.")
public @interface ServiceTableConfig {

    /** The configuration PID. */
    String PID = "io.gatehouse.plugins.aws.json";

    /** Deep enough for every request of the tabled services (KMS and Secrets Manager policies are strings). */
    int DEFAULT_MAX_NESTING_DEPTH = 64;

    /** @return the deepest JSON nesting accepted in a request body */
    @AttributeDefinition(name = "Maximum nesting depth",
            description = "Deepest JSON nesting (objects and arrays) accepted in a request body of any tabled "
                    + "service. Deeper requests are refused with SerializationException.",
            min = "4", max = "1000")
    int max_nesting_depth() default DEFAULT_MAX_NESTING_DEPTH;
}
