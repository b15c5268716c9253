package io.gatehouse.runtime.internal.config;

import java.util.Arrays;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.osgi.service.metatype.AttributeDefinition;

/**
 * Says in words what a metatype {@link AttributeDefinition} allows: "an integer between 1 and 65535".
 *
 * <p>The Metatype API does not expose an attribute's minimum and maximum, only {@link AttributeDefinition#validate}.
 * Felix Metatype answers "less than minimum" / "greater than maximum" there, so the bounds are found by bisecting
 * over the type's range; with another implementation the words simply leave the range out.
 */
final class AllowedValues {

    private static final String BELOW = "less than minimum";
    private static final String ABOVE = "greater than maximum";
    private static final long LONGEST_TEXT = 1 << 16;

    private AllowedValues() {
    }

    static String describe(AttributeDefinition ad) {
        String one = describeOne(ad);
        return ad.getCardinality() == 0 ? one : "a comma-separated list, each " + one;
    }

    private static String describeOne(AttributeDefinition ad) {
        String[] options = ad.getOptionValues();
        if (options != null && options.length > 0) {
            return "one of " + Arrays.stream(options).collect(Collectors.joining(", "));
        }
        switch (ad.getType()) {
            case AttributeDefinition.BOOLEAN:
                return "true or false";
            case AttributeDefinition.CHARACTER:
                return "a single character";
            case AttributeDefinition.BYTE:
                return "an integer" + range(ad, Byte.MIN_VALUE, Byte.MAX_VALUE, String::valueOf);
            case AttributeDefinition.SHORT:
                return "an integer" + range(ad, Short.MIN_VALUE, Short.MAX_VALUE, String::valueOf);
            case AttributeDefinition.INTEGER:
                return "an integer" + range(ad, Integer.MIN_VALUE, Integer.MAX_VALUE, String::valueOf);
            case AttributeDefinition.LONG:
            case AttributeDefinition.BIGINTEGER:
                return "an integer" + range(ad, Long.MIN_VALUE, Long.MAX_VALUE, String::valueOf);
            case AttributeDefinition.FLOAT:
            case AttributeDefinition.DOUBLE:
            case AttributeDefinition.BIGDECIMAL:
                return "a number";
            default:
                return "a text" + lengths(ad);
        }
    }

    private static String range(AttributeDefinition ad, long lowest, long highest, LongFunction<String> text) {
        OptionalLong min = bound(ad, lowest, highest, text, BELOW, true);
        OptionalLong max = bound(ad, lowest, highest, text, ABOVE, false);
        if (min.isPresent() && max.isPresent()) {
            return " between " + min.getAsLong() + " and " + max.getAsLong();
        }
        if (min.isPresent()) {
            return " of at least " + min.getAsLong();
        }
        return max.isPresent() ? " of at most " + max.getAsLong() : "";
    }

    private static String lengths(AttributeDefinition ad) {
        LongFunction<String> text = length -> "x".repeat((int) length);
        OptionalLong min = bound(ad, 0, LONGEST_TEXT, text, BELOW, true);
        OptionalLong max = bound(ad, 0, LONGEST_TEXT, text, ABOVE, false);
        if (min.isPresent() && max.isPresent()) {
            return " of " + min.getAsLong() + " to " + max.getAsLong() + " characters";
        }
        if (min.isPresent()) {
            return " of at least " + min.getAsLong() + " characters";
        }
        return max.isPresent() ? " of at most " + max.getAsLong() + " characters" : "";
    }

    /**
     * Finds the smallest accepted value (lower bound) or the largest (upper bound) by bisection, when the extreme
     * value of the range is refused with the given verdict.
     */
    private static OptionalLong bound(AttributeDefinition ad, long lowest, long highest, LongFunction<String> text,
                                      String verdict, boolean lower) {
        if (!refused(ad, text.apply(lower ? lowest : highest), verdict)) {
            return OptionalLong.empty();
        }
        long refused = lower ? lowest : highest;
        long accepted = lower ? highest : lowest;
        if (refused(ad, text.apply(accepted), verdict)) {
            return OptionalLong.empty();
        }
        while (true) {
            // Floor of the average without overflow; equals one end once the ends are adjacent.
            long middle = (refused >> 1) + (accepted >> 1) + (refused & accepted & 1);
            if (middle == refused || middle == accepted) {
                break;
            }
            if (refused(ad, text.apply(middle), verdict)) {
                refused = middle;
            } else {
                accepted = middle;
            }
        }
        return OptionalLong.of(accepted);
    }

    private static boolean refused(AttributeDefinition ad, String value, String verdict) {
        String result = ad.validate(value);
        return result != null && result.contains(verdict);
    }
}
