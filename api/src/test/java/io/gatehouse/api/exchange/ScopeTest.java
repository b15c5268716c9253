package io.gatehouse.api.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScopeTest {

    private static final String ORDERS = "arn:aws:dynamodb:us-east-1:000000000000:table/Orders";
    private static final String USERS = "arn:aws:dynamodb:us-east-1:000000000000:table/Users";

    @Test
    void permitsOnlyMatchingActionsOnMatchingResources() {
        Scope scope = new Scope(List.of("dynamodb:Get*", "dynamodb:Query"), List.of("arn:aws:dynamodb:*:table/Orders"));

        assertThat(scope.permits(op("GetItem", ORDERS))).isTrue();
        assertThat(scope.permits(op("getitem", ORDERS))).as("actions ignore case").isTrue();
        assertThat(scope.permits(op("Query", ORDERS))).isTrue();
        assertThat(scope.permits(op("PutItem", ORDERS))).isFalse();
        assertThat(scope.permits(op("GetItem", USERS))).isFalse();
        assertThat(scope.permits(op("GetItem", ORDERS + "x"))).as("a pattern matches whole ARNs").isFalse();
    }

    @Test
    void everyResourceOfABatchMustBeWithinTheScope() {
        Scope scope = new Scope(List.of("*"), List.of("*table/Orders"));

        assertThat(scope.permits(op("BatchGetItem", ORDERS, ORDERS + "/index/ByDate"))).isFalse();
        assertThat(scope.permits(op("BatchGetItem", ORDERS, USERS))).isFalse();
        assertThat(new Scope(List.of("*"), List.of("*table/Orders*")).permits(
                op("BatchGetItem", ORDERS, ORDERS + "/index/ByDate"))).isTrue();
    }

    @Test
    void accountLevelCallsNeedTheStarResource() {
        assertThat(new Scope(List.of("dynamodb:*"), List.of(ORDERS)).permits(op("ListTables"))).isFalse();
        assertThat(new Scope(List.of("dynamodb:*"), List.of("*")).permits(op("ListTables"))).isTrue();
        assertThat(Scope.ALL.permits(op("DeleteTable", ORDERS))).isTrue();
    }

    @Test
    void wildcardsMatchAsDocumented() {
        assertThat(Scope.matches("a?c", "abc")).isTrue();
        assertThat(Scope.matches("a?c", "ac")).isFalse();
        assertThat(Scope.matches("a*", "a:b/c")).isTrue();
        assertThat(Scope.matches("*", "")).isTrue();
        assertThat(Scope.matches("", "x")).isFalse();
        assertThat(Scope.matches("logs/*", "logs")).isFalse();
    }

    @Test
    void refusesEmptyScopes() {
        assertThatThrownBy(() -> new Scope(List.of(), List.of("*"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Scope(List.of("*"), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static AwsOperation op(String action, String... resources) {
        return new AwsOperation("dynamodb", action, "us-east-1", List.of(resources), Map.of());
    }
}
