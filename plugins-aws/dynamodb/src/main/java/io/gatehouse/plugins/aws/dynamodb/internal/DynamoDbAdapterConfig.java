package io.gatehouse.plugins.aws.dynamodb.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of {@link DynamoDbAdapter}: {@code etc/io.gatehouse.plugins.aws.dynamodb.cfg} (optional). */
@ObjectClassDefinition(id = DynamoDbAdapterConfig.PID, name = "Gatehouse DynamoDB adapter",
        description = "Limits the DynamoDB adapter applies to request and response bodies before decoding them.")
public @interface DynamoDbAdapterConfig {

    /** The configuration PID. */
    String PID = "io.gatehouse.plugins.aws.dynamodb";

    /** The default nesting limit: DynamoDB's 32 levels of nested attributes need up to 69 JSON levels. */
    int DEFAULT_MAX_NESTING_DEPTH = 100;

    /** @return the deepest JSON nesting accepted in a request or response body */
    @AttributeDefinition(name = "Maximum nesting depth",
            description = "Deepest JSON nesting (objects and arrays) accepted in a request or response body. "
                    + "Deeper requests are refused with SerializationException; deeper responses are withheld. "
                    + "DynamoDB allows 32 levels of nested attributes, which take up to 69 JSON levels.",
            min = "8", max = "1000")
    int max_nesting_depth() default DEFAULT_MAX_NESTING_DEPTH;
}
