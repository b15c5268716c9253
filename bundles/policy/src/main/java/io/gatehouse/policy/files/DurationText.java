package io.gatehouse.policy.files;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them: {@code 90s}, {@code 15m}, {@code 2h}, {@code 1h30m}, {@code 1d}, or ISO {@code PT15M}. */
final class DurationText {

    private static final Pattern SHORT = Pattern.compile("(?:(\\d{1,6})d)?(?:(\\d{1,6})h)?(?:(\\d{1,6})m)?(?:(\\d{1,9})s)?");

    private DurationText() {
    }

    /**
     * @param text the duration as written
     * @return the duration
     * @throws IllegalArgumentException when it is not a duration
     */
    static Duration parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("p")) {
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        Matcher matcher = SHORT.matcher(value);
        if (value.isEmpty() || !matcher.matches()) {
            throw invalid(text);
        }
        return Duration.ofDays(number(matcher.group(1))).plusHours(number(matcher.group(2)))
                .plusMinutes(number(matcher.group(3))).plusSeconds(number(matcher.group(4)));
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration: write e.g. 30s, 15m, 2h, 1h30m, 1d "
                + "or PT15M");
    }
}
