package io.gatehouse.plugins.aws.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.exchange.AwsOperation;
import org.junit.jupiter.api.Test;

/** The adapter's nesting limit: deep enough for every item DynamoDB accepts, never deep enough to hurt. */
class DynamoDbNestingTest {

    /** A PutItem whose item nests {@code levels} levels of {@code M} (DynamoDB allows 32). */
    private static String putItemNested(int levels) {
        String value = "{\"S\":\"leaf\"}";
        for (int i = 0; i < levels; i++) {
            value = "{\"M\":{\"a\":" + value + "}}";
        }
        return "{\"TableName\":\"Orders\",\"Item\":{\"pk\":{\"S\":\"k\"},\"deep\":" + value + "}}";
    }

    @Test
    void refusesHostileNestingWithoutBlowingTheStack() {
        DynamoDbAdapter adapter = new DynamoDbAdapter(DynamoDbAdapterConfig.DEFAULT_MAX_NESTING_DEPTH);
        String hostile = "{\"TableName\":\"Orders\",\"Item\":" + "[".repeat(500_000) + "]".repeat(500_000) + "}";

        DecodeException e = catchThrowableOfType(DecodeException.class,
                () -> adapter.decode(Calls.request("PutItem", hostile), Calls.CONTEXT));

        assertThat(e.errorCode()).isEqualTo(DecodeException.SERIALIZATION);
        assertThat(e.getMessage()).contains("nested deeper than the 100 levels");
    }

    @Test
    void defaultDepthAdmitsTheDeepestItemDynamoDbAllows() throws DecodeException {
        DynamoDbAdapter adapter = new DynamoDbAdapter(DynamoDbAdapterConfig.DEFAULT_MAX_NESTING_DEPTH);

        AwsOperation operation = adapter.decode(Calls.request("PutItem", putItemNested(32)), Calls.CONTEXT);

        assertThat(operation.resources()).containsExactly(Calls.arn("table/Orders"));
    }

    @Test
    void aSmallerConfiguredDepthRefusesTheSameItem() {
        DynamoDbAdapter adapter = new DynamoDbAdapter(16);

        DecodeException e = catchThrowableOfType(DecodeException.class,
                () -> adapter.decode(Calls.request("PutItem", putItemNested(32)), Calls.CONTEXT));

        assertThat(e.errorCode()).isEqualTo(DecodeException.SERIALIZATION);
    }

}
