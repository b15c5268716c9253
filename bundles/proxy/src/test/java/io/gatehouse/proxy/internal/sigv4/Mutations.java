package io.gatehouse.proxy.internal.sigv4;

import io.gatehouse.api.exchange.Headers;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/** One-character changes that always change what a SigV4 signature covers. */
final class Mutations {

    private Mutations() {
    }

    /** Replaces the last letter or digit (or, without one, appends a letter). */
    static String flipLastLetterOrDigit(String text) {
        for (int i = text.length() - 1; i >= 0; i--) {
            if (Character.isLetterOrDigit(text.charAt(i))) {
                return replaceAt(text, i);
            }
        }
        return text + "q";
    }

    /** Replaces a randomly chosen letter or digit (or, without one, appends a letter). */
    static String flipRandomLetterOrDigit(String text, Random random) {
        int count = (int) text.chars().filter(Character::isLetterOrDigit).count();
        if (count == 0) {
            return text + "q";
        }
        int target = random.nextInt(count);
        for (int i = 0, seen = 0; i < text.length(); i++) {
            if (Character.isLetterOrDigit(text.charAt(i)) && seen++ == target) {
                return replaceAt(text, i);
            }
        }
        throw new AssertionError("unreachable");
    }

    /**
     * Changes a path so that its normalised form changes too: replaces a letter or digit of the last segment, or
     * appends one where that segment is empty or a dot segment (which normalisation would drop).
     */
    static String changePathSegment(String path, Random random) {
        int slash = path.lastIndexOf('/');
        String last = path.substring(slash + 1);
        if (last.isEmpty() || last.equals(".") || last.equals("..")) {
            return path + "q";
        }
        return path.substring(0, slash + 1) + flipRandomLetterOrDigit(last, random);
    }

    /** Changes the last value of a header, keeping its other values in order. */
    static Headers changeLastValue(Headers headers, String name, UnaryOperator<String> change) {
        List<String> values = headers.all(name);
        Headers.Builder builder = headers.toBuilder().remove(name);
        values.subList(0, values.size() - 1).forEach(value -> builder.add(name, value));
        return builder.add(name, change.apply(values.get(values.size() - 1))).build();
    }

    /** Flips the lowest bit of one byte, or adds a byte to an empty array. */
    static byte[] flipByte(byte[] bytes, int index) {
        if (bytes.length == 0) {
            return new byte[] {'x'};
        }
        byte[] changed = bytes.clone();
        changed[index] ^= 1;
        return changed;
    }

    private static String replaceAt(String text, int index) {
        char replacement = text.charAt(index) == 'q' ? 'r' : 'q';
        return text.substring(0, index) + replacement + text.substring(index + 1);
    }
}
