package io.gatehouse.tests.osgi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The folder {@code distribution/target/gatehouse} that {@code mvn install} assembled: its {@code system/<level>/}
 * and {@code deploy/} jars are what the test boots. Missing or empty is a failure, never a skip.
 */
final class AssembledDistribution {

    /** System property naming the folder (set by failsafe). */
    static final String PROPERTY = "gatehouse.distribution";

    private final Path root;

    private AssembledDistribution(Path root) {
        this.root = root;
    }

    static AssembledDistribution locate() {
        String location = System.getProperty(PROPERTY);
        if (location == null) {
            throw new IllegalStateException("system property " + PROPERTY + " is not set (run through mvn verify)");
        }
        Path root = Path.of(location).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("system"))) {
            throw new IllegalStateException(root + " holds no assembled distribution: build it first "
                    + "(mvn install in distribution/)");
        }
        return new AssembledDistribution(root);
    }

    /** @return the system bundles by start level, each level's jars by name */
    Map<Integer, List<Path>> systemBundles() {
        Map<Integer, List<Path>> levels = new TreeMap<>();
        for (Path folder : list(root.resolve("system"))) {
            levels.put(Integer.parseInt(folder.getFileName().toString()), jarsIn(folder));
        }
        if (levels.isEmpty()) {
            throw new IllegalStateException(root + "/system holds no bundles");
        }
        return levels;
    }

    /** @return the plugin jars of {@code deploy/} */
    List<Path> plugins() {
        return jarsIn(root.resolve("deploy"));
    }

    /** @return the symbolic names of every bundle the distribution ships */
    List<String> symbolicNames() {
        return Stream.concat(systemBundles().values().stream().flatMap(List::stream), plugins().stream())
                .map(AssembledDistribution::symbolicName).sorted().collect(Collectors.toList());
    }

    private static String symbolicName(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            String name = file.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
            if (name == null) {
                throw new IllegalStateException(jar + " is not a bundle");
            }
            return name.split(";")[0].trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> jarsIn(Path folder) {
        return list(folder).stream().filter(p -> p.getFileName().toString().endsWith(".jar"))
                .collect(Collectors.toList());
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
