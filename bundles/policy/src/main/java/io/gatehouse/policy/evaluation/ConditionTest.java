package io.gatehouse.policy.evaluation;

import io.gatehouse.api.policy.Condition;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A compiled {@link Condition}. A missing parameter fails every test except {@code ABSENT} and {@code NOT_EQUALS};
 * a value that is not a decimal number fails {@code LESS_THAN} and {@code GREATER_THAN} (never an error).
 */
final class ConditionTest {

    /** Longer numbers are not compared (they fail the numeric tests) so that a huge value costs nothing. */
    private static final int MAX_NUMBER_LENGTH = 64;
    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d+(\\.\\d+)?");

    private final Condition condition;
    private final List<Wildcard> patterns;
    private final List<BigDecimal> numbers;

    ConditionTest(Condition condition) {
        this.condition = condition;
        this.patterns = condition.operator() == Condition.Operator.LIKE
                ? condition.values().stream().map(Wildcard::compile).toList() : List.of();
        this.numbers = isNumeric(condition.operator())
                ? condition.values().stream().map(ConditionTest::operand).toList() : List.of();
    }

    private static boolean isNumeric(Condition.Operator operator) {
        return operator == Condition.Operator.LESS_THAN || operator == Condition.Operator.GREATER_THAN;
    }

    private static BigDecimal operand(String value) {
        BigDecimal number = number(value);
        if (number == null) {
            throw new IllegalArgumentException("condition operand '" + value + "' is not a decimal number");
        }
        return number;
    }

    /** @return the condition as written */
    Condition condition() {
        return condition;
    }

    /**
     * @param parameters the decoded request parameters
     * @return whether the condition holds
     */
    boolean holds(Map<String, String> parameters) {
        String value = parameters.get(condition.parameter());
        switch (condition.operator()) {
            case PRESENT:
                return value != null;
            case ABSENT:
                return value == null;
            case NOT_EQUALS:
                return value == null || !condition.values().contains(value);
            case EQUALS:
                return value != null && condition.values().contains(value);
            case LIKE:
                return value != null && patterns.stream().anyMatch(p -> p.matches(value));
            case LESS_THAN:
                return compareAny(value, -1);
            case GREATER_THAN:
                return compareAny(value, 1);
            default:
                return false;
        }
    }

    private boolean compareAny(String value, int sign) {
        BigDecimal number = value == null ? null : number(value);
        if (number == null) {
            return false;
        }
        for (BigDecimal operand : numbers) {
            if (Integer.signum(number.compareTo(operand)) == sign) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param text a decimal number such as {@code 10}, {@code -2.5}
     * @return the number, or null when the text is not a plain decimal number
     */
    static BigDecimal number(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NUMBER_LENGTH || !DECIMAL.matcher(trimmed).matches()) {
            return null;
        }
        return new BigDecimal(trimmed);
    }

    /** @return a readable form, e.g. {@code Limit less-than 100} */
    String describe() {
        String operator = condition.operator().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return condition.parameter() + " " + operator + (condition.values().isEmpty() ? ""
                : " " + (condition.values().size() == 1 ? condition.values().get(0) : condition.values()));
    }
}
