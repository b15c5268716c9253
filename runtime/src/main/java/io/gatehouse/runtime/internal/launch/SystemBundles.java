package io.gatehouse.runtime.internal.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The bundles in {@code system/<start level>/*.jar}. The distribution decides the levels; the launcher only needs
 * Felix Metatype (configuration is validated once its level is reached) and FileInstall below the other levels
 * that matter (see the README).
 */
public final class SystemBundles {

    /**
     * A bundle jar and the start level its folder names.
     *
     * @param jar the jar
     * @param startLevel the start level (at least 1)
     */
    public record Entry(Path jar, int startLevel) {
    }

    private final List<Entry> entries;

    private SystemBundles(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * @param system the {@code system/} folder
     * @return its bundles, by start level then file name
     * @throws IOException when the folder cannot be read, has a sub-folder that is not a start level, or holds no jar
     */
    public static SystemBundles scan(Path system) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> levels = Files.list(system)) {
            for (Path folder : levels.filter(Files::isDirectory).collect(Collectors.toList())) {
                int level = startLevel(folder);
                try (Stream<Path> jars = Files.list(folder)) {
                    jars.filter(jar -> jar.getFileName().toString().endsWith(".jar")).filter(Files::isRegularFile)
                            .forEach(jar -> entries.add(new Entry(jar, level)));
                }
            }
        }
        if (entries.isEmpty()) {
            throw new IOException(system + " holds no bundles (expected system/<start level>/*.jar)");
        }
        entries.sort(Comparator.comparingInt(Entry::startLevel).thenComparing(e -> e.jar().getFileName().toString()));
        return new SystemBundles(entries);
    }

    private static int startLevel(Path folder) throws IOException {
        String name = folder.getFileName().toString();
        try {
            int level = Integer.parseInt(name);
            if (level >= 1) {
                return level;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException(folder + ": folders in system/ are start levels (1, 2, ...), not '" + name + "'");
    }

    /** @return every bundle, by start level then file name */
    public List<Entry> entries() {
        return entries;
    }

    /** @return the distinct start levels, ascending */
    public List<Integer> levels() {
        return entries.stream().map(Entry::startLevel).distinct().sorted().collect(Collectors.toList());
    }

    /** @return the highest start level in system/ */
    public int highestLevel() {
        return entries.get(entries.size() - 1).startLevel();
    }
}
