package io.gatehouse.plugins.aws.kinesis.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of {@link KinesisAdapter}: {@code etc/io.gatehouse.plugins.aws.kinesis.cfg} (optional). */
@ObjectClassDefinition(id = KinesisAdapterConfig.PID, name = "Gatehouse Kinesis adapter",
        description = "Limits the Kinesis adapter applies to request bodies before decoding them.")
public @interface KinesisAdapterConfig {

    /** The configuration PID. */
    String PID = "io.gatehouse.plugins.aws.kinesis";

    /** Kinesis requests are flat (PutRecords, tags and policies are the deepest, a few levels). */
    int DEFAULT_MAX_NESTING_DEPTH = 32;

    /** @return the deepest JSON nesting accepted in a request body */
    @AttributeDefinition(name = "Maximum nesting depth",
            description = "Deepest JSON nesting (objects and arrays) accepted in a request body. Deeper requests "
                    + "are refused with SerializationException. Kinesis requests need at most a few levels.",
            min = "4", max = "1000")
    int max_nesting_depth() default DEFAULT_MAX_NESTING_DEPTH;
}
