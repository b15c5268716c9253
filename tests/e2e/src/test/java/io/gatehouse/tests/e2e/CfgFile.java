package io.gatehouse.tests.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sets keys in a FileInstall {@code .cfg} file ({@code key = value} lines), keeping the lines it
 * does not touch (the distribution's documented defaults). Written to a temporary name and moved
 * in, so FileInstall never reads half a file.
 */
final class CfgFile {

    private CfgFile() {
    }

    static void set(Path file, Map<String, String> values) {
        Map<String, String> remaining = new LinkedHashMap<>(values);
        List<String> lines = new ArrayList<>();
        for (String line : existingLines(file)) {
            String key = keyOf(line);
            if (key != null && remaining.containsKey(key)) {
                lines.add(key + " = " + remaining.remove(key));
            } else {
                lines.add(line);
            }
        }
        remaining.forEach((key, value) -> lines.add(key + " = " + value));
        try {
            Path temporary = Files.createTempFile(file.getParent().getParent(), file.getFileName().toString(), ".tmp");
            Files.write(temporary, lines);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static List<String> existingLines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The key of a {@code key = value} or {@code key: value} line; null for comments and blanks. */
    private static String keyOf(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
            return null;
        }
        int end = 0;
        while (end < trimmed.length() && "=: \t".indexOf(trimmed.charAt(end)) < 0) {
            end++;
        }
        return trimmed.substring(0, end);
    }
}
