package io.gatehouse.runtime.internal.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The {@code *.cfg} files of {@code etc/} (other files there, such as {@code *.cfg.example}, are not configuration).
 *
 * @param files the files that could be read, by name
 * @param problems one error per file that could not be read
 */
public record EtcDirectory(List<CfgFile> files, List<ConfigProblem> problems) {

    /** Copies the lists. */
    public EtcDirectory {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    /**
     * @param etc the folder
     * @param displayName how messages name a file of the folder
     * @param variables resolves {@code ${name}} in values
     * @return its configuration files
     * @throws IOException when the folder cannot be listed
     */
    public static EtcDirectory read(Path etc, Function<Path, String> displayName, UnaryOperator<String> variables)
            throws IOException {
        List<CfgFile> files = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(etc)) {
            return new EtcDirectory(files, problems);
        }
        List<Path> paths;
        try (Stream<Path> list = Files.list(etc)) {
            paths = list.filter(p -> p.getFileName().toString().endsWith(CfgFile.EXTENSION))
                    .filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        for (Path path : paths) {
            try {
                files.add(CfgFile.read(path, displayName.apply(path), variables));
            } catch (IOException e) {
                problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, displayName.apply(path),
                        "cannot be read: " + e.getMessage()));
            }
        }
        return new EtcDirectory(files, problems);
    }

    /**
     * @param pid a (non-factory) PID
     * @return the keys of its file, or an empty map when there is no such file
     */
    public Map<String, String> valuesOf(String pid) {
        return fileOf(pid).map(CfgFile::values).orElse(Map.of());
    }

    /**
     * @param pid a (non-factory) PID
     * @return its file
     */
    public Optional<CfgFile> fileOf(String pid) {
        return files.stream().filter(f -> !f.isFactory() && f.pid().equals(pid)).findFirst();
    }

    /** @return the paths of all files */
    public List<Path> paths() {
        return files.stream().map(CfgFile::path).collect(Collectors.toList());
    }
}
