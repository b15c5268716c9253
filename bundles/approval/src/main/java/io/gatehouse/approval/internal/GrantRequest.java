package io.gatehouse.approval.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a caller asks to be granted for a while.
 *
 * @param actions IAM-style action patterns, e.g. {@code dynamodb:DeleteItem} or {@code s3:Get*}
 * @param resources ARN patterns
 * @param duration how long the grant lasts once approved
 * @param reason why, for reviewers
 */
public record GrantRequest(List<String> actions, List<String> resources, Duration duration, String reason) {

    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9-]{1,64}:[A-Za-z0-9*?]{1,128}");
    private static final Pattern RESOURCE = Pattern.compile("[\\x21-\\x7e]{1,2048}");
    private static final int MAX_ITEMS = 50;

    /**
     * Validates what a client sent.
     *
     * @throws ReviewException 400 with what is wrong
     */
    public static GrantRequest validated(List<String> actions, List<String> resources, Duration duration,
                                         String reason) throws ReviewException {
        if (actions.isEmpty() || actions.size() > MAX_ITEMS || !actions.stream().allMatch(a -> ACTION.matcher(a)
                .matches())) {
            throw invalid("actions: 1 to " + MAX_ITEMS + " IAM-style actions such as dynamodb:DeleteItem or s3:Get*");
        }
        if (resources.isEmpty() || resources.size() > MAX_ITEMS || !resources.stream().allMatch(r -> RESOURCE
                .matcher(r).matches())) {
            throw invalid("resources: 1 to " + MAX_ITEMS + " ARN patterns (printable, no spaces), or *");
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw invalid("duration: a positive ISO-8601 duration such as PT30M");
        }
        if (reason == null || reason.isBlank() || reason.length() > 1000 || reason.chars().anyMatch(c -> c < 0x20)) {
            throw invalid("reason: why you need it, 1 to 1000 characters on one line");
        }
        return new GrantRequest(List.copyOf(actions), List.copyOf(resources), duration, reason.strip());
    }

    private static ReviewException invalid(String what) {
        return new ReviewException(400, "invalid_request", "Send " + what + ".");
    }

    /** @return hex SHA-256 of what the grant allows (sorted actions and resources, duration); not the reason */
    public String hash() {
        String canonical = "grant\n" + String.join("\n", new TreeSet<>(actions)) + "\n\n"
                + String.join("\n", new TreeSet<>(resources)) + "\n\n" + duration.getSeconds();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
