package io.gatehouse.api.policy;

import java.util.List;
import java.util.Objects;

/**
 * A test on one decoded request parameter ({@link io.gatehouse.api.exchange.AwsOperation#parameters()}), e.g. "a
 * DynamoDB Scan without {@code Limit}".
 *
 * @param parameter the parameter name, exactly as the adapter decodes it (e.g. {@code Limit})
 * @param operator how to test it
 * @param values the operand(s): the condition holds when the test holds for any of them; empty for
 *        {@link Operator#PRESENT} and {@link Operator#ABSENT}
 * @since 1.0
 */
public record Condition(String parameter, Operator operator, List<String> values) {

    /** The tests. A missing parameter fails every test except {@link #ABSENT} and {@link #NOT_EQUALS}. */
    public enum Operator {
        /** The parameter is present. */
        PRESENT,
        /** The parameter is absent. */
        ABSENT,
        /** The value equals an operand. */
        EQUALS,
        /** The value equals none of the operands (or is absent). */
        NOT_EQUALS,
        /** The value matches an operand's {@code *}/{@code ?} pattern. */
        LIKE,
        /** The value is a decimal number less than an operand. */
        LESS_THAN,
        /** The value is a decimal number greater than an operand. */
        GREATER_THAN
    }

    /** Copies the list and validates the components. */
    public Condition {
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(operator, "operator");
        values = List.copyOf(values);
    }
}
