package io.gatehouse.policy.files;

import java.util.Objects;

/**
 * Why a policy file was refused, at a place an operator can find: {@code example.yaml:12:5: rules[1].effect: ...}.
 *
 * @param file the file name (relative to the policy directory)
 * @param line 1-based line, 0 when the problem is about the whole file
 * @param column 1-based column, 0 when unknown
 * @param key the path of the key, e.g. {@code rules[1].effect}; empty when about the whole file
 * @param message what is wrong and what is allowed
 */
public record PolicyProblem(String file, int line, int column, String key, String message) {

    /** Validates that no component is null. */
    public PolicyProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        String place = line > 0 ? file + ":" + line + (column > 0 ? ":" + column : "") : file;
        return place + ": " + (key.isEmpty() ? "" : key + ": ") + message;
    }
}
