package io.gatehouse.runtime.internal.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code etc/*.cfg} file as FileInstall reads it: {@code key = value} lines (properties syntax, UTF-8), the PID
 * taken from the file name ({@code pid.cfg}, or {@code factoryPid-name.cfg} for a factory configuration: the PID ends
 * at the first '-'), {@code ${name}} and {@code ${env:NAME}} replaced.
 *
 * @param path the file
 * @param displayName how messages name the file, e.g. {@code etc/io.gatehouse.proxy.cfg}
 * @param pid the PID, or the factory PID of a factory configuration
 * @param factoryName the name after the '-' of a factory configuration file
 * @param values the keys and their values, sorted by key
 */
public record CfgFile(Path path, String displayName, String pid, Optional<String> factoryName,
                      Map<String, String> values) {

    /** The extension FileInstall turns into a configuration. */
    public static final String EXTENSION = ".cfg";

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");
    private static final Pattern TYPED_SCALAR = Pattern.compile("^[TILFDXSCBZ]?\"(.*)\"$");

    /** Makes the values unmodifiable. */
    public CfgFile {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** @return whether this is a factory configuration ({@code factoryPid-name.cfg}) */
    public boolean isFactory() {
        return factoryName.isPresent();
    }

    /**
     * Reads a file.
     *
     * @param file the file
     * @param displayName how messages name the file
     * @param variables resolves {@code ${name}}: returns the value or null (then it becomes empty, as in FileInstall)
     * @return the file's content
     * @throws IOException when the file cannot be read or is not in properties syntax
     */
    public static CfgFile read(Path file, String displayName, UnaryOperator<String> variables) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IllegalArgumentException e) {
            throw new IOException(displayName + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            values.put(key, substitute(properties.getProperty(key).trim(), variables));
        }
        // FileInstall reads a file in its typed syntax only when every value is typed.
        if (!values.isEmpty() && values.values().stream().allMatch(v -> TYPED_SCALAR.matcher(v).matches())) {
            values.replaceAll((key, value) -> unwrapTyped(value));
        }
        String name = file.getFileName().toString();
        String base = name.endsWith(EXTENSION) ? name.substring(0, name.length() - EXTENSION.length()) : name;
        int dash = base.indexOf('-');
        if (dash > 0) {
            return new CfgFile(file, displayName, base.substring(0, dash), Optional.of(base.substring(dash + 1)),
                    values);
        }
        return new CfgFile(file, displayName, base, Optional.empty(), values);
    }

    static String substitute(String value, UnaryOperator<String> variables) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement = name.startsWith("env:") ? System.getenv(name.substring(4)) : variables.apply(name);
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement == null ? "" : replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    /** FileInstall's typed syntax ({@code I"7700"}, {@code "text"}) of a single value: the text inside the quotes. */
    static String unwrapTyped(String value) {
        Matcher matcher = TYPED_SCALAR.matcher(value);
        return matcher.matches() ? matcher.group(1) : value;
    }
}
