package io.gatehouse.plugins.aws.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.api.adapter.DecodeException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every known action has a resource rule: an empty body is decoded or refused, never an internal error. */
class DynamoDbActionsTest {

    private final DynamoDbAdapter adapter = new DynamoDbAdapter(DynamoDbAdapterConfig.DEFAULT_MAX_NESTING_DEPTH);

    static Stream<String> actions() {
        return DynamoDbActions.ALL.stream().sorted();
    }

    @Test
    void listsTheWholeApi() {
        assertThat(DynamoDbActions.ALL).hasSize(57).contains("GetItem", "ExecuteTransaction", "PutResourcePolicy");
        assertThat(DynamoDbActions.isKnown("GetItem")).isTrue();
        assertThat(DynamoDbActions.isKnown("GetRecords")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void everyActionHasAResourceRule(String action) {
        try {
            assertThat(adapter.decode(Calls.request(action, "{}"), Calls.CONTEXT).resources()).isEmpty();
        } catch (DecodeException e) {
            assertThat(e.errorCode()).isEqualTo(DecodeException.VALIDATION);
            assertThat(e.getMessage()).contains("required");
        }
    }
}
