package io.gatehouse.runtime.internal.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Checks {@code etc/*.cfg} files against the metatype descriptions of their PIDs before anything serves traffic:
 * every value against its attribute's type, range and options ({@link AttributeDefinition#validate}), unknown keys,
 * missing required keys. PIDs that no metatype describes get a {@link BuiltInRule} when one is known, else a warning.
 */
public final class ConfigValidator {

    /** Keys that Configuration Admin, FileInstall and DS use next to a component's own attributes. */
    private static final List<String> FRAMEWORK_KEY_PREFIXES = List.of("service.", "felix.fileinstall.",
            "component.", "webconsole.configurationFactory.", ".");

    private final OcdLookup lookup;
    private final Map<String, BuiltInRule> builtIns;

    /**
     * @param lookup finds the metatype description of a PID
     * @param builtIns checks of PIDs that no metatype describes, by PID
     */
    public ConfigValidator(OcdLookup lookup, Map<String, BuiltInRule> builtIns) {
        this.lookup = lookup;
        this.builtIns = Map.copyOf(builtIns);
    }

    /**
     * @param files the files to check
     * @return every problem found, file by file
     */
    public List<ConfigProblem> validate(List<CfgFile> files) {
        return files.stream().flatMap(file -> validate(file).stream()).collect(Collectors.toList());
    }

    /**
     * @param file the file to check
     * @return every problem found in it
     */
    public List<ConfigProblem> validate(CfgFile file) {
        Optional<ObjectClassDefinition> ocd = lookup.find(file.pid(), file.isFactory());
        if (ocd.isPresent()) {
            return checkAgainst(file, ocd.get());
        }
        BuiltInRule rule = builtIns.get(file.pid());
        if (rule != null) {
            return rule.check(file);
        }
        return List.of(wrongKindOrUnknown(file));
    }

    private ConfigProblem wrongKindOrUnknown(CfgFile file) {
        String pid = file.pid();
        if (!file.isFactory() && lookup.find(pid, true).isPresent()) {
            return ConfigProblem.error(file, pid + " is a factory configuration: name the file " + pid
                    + "-NAME.cfg (one file per instance)");
        }
        if (file.isFactory() && lookup.find(pid, false).isPresent()) {
            return ConfigProblem.error(file, pid + " is not a factory configuration: name the file " + pid + ".cfg");
        }
        return ConfigProblem.warning(file, "no installed bundle describes PID '" + pid + "'; its keys were not checked");
    }

    private List<ConfigProblem> checkAgainst(CfgFile file, ObjectClassDefinition ocd) {
        Map<String, AttributeDefinition> definitions = byId(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL));
        Set<String> required = byId(ocd.getAttributeDefinitions(ObjectClassDefinition.REQUIRED)).keySet();
        List<ConfigProblem> problems = new ArrayList<>();
        file.values().forEach((key, value) -> {
            AttributeDefinition ad = definitions.get(key);
            if (ad != null) {
                checkValue(file, key, value, ad, required.contains(key)).ifPresent(problems::add);
            } else if (!isFrameworkKey(key)) {
                problems.add(ConfigProblem.error(file, unknownKey(file.pid(), key, definitions.keySet())));
            }
        });
        problems.addAll(missing(file, definitions, required));
        return problems;
    }

    private Optional<ConfigProblem> checkValue(CfgFile file, String key, String value, AttributeDefinition ad,
                                               boolean required) {
        String allowed = AllowedValues.describe(ad);
        boolean text = ad.getType() == AttributeDefinition.STRING || ad.getType() == AttributeDefinition.PASSWORD;
        if (value.isEmpty() && (!text || required && !hasDefault(ad))) {
            return Optional.of(ConfigProblem.error(file, key + " is empty: expected " + allowed));
        }
        String verdict = ad.validate(value);
        if (verdict == null) {
            verdict = fallbackCheck(ad, value);
        }
        if (verdict.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ConfigProblem.error(file, key + " = " + shown(key, ad, value)
                + " is not allowed: expected " + allowed));
    }

    /** For the cases Felix's {@code validate} leaves open (it returns null): booleans with options. */
    private static String fallbackCheck(AttributeDefinition ad, String value) {
        if (ad.getType() == AttributeDefinition.BOOLEAN) {
            boolean valid = Arrays.stream(value.split(",")).map(String::trim)
                    .allMatch(v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"));
            return valid ? "" : "invalid";
        }
        return "";
    }

    private static List<ConfigProblem> missing(CfgFile file, Map<String, AttributeDefinition> definitions,
                                               Set<String> required) {
        List<String> missing = required.stream().filter(key -> !file.values().containsKey(key))
                .filter(key -> !hasDefault(definitions.get(key))).sorted().collect(Collectors.toList());
        if (missing.isEmpty()) {
            return List.of();
        }
        if (file.values().isEmpty()) {
            // A shipped template with every key commented out: the component simply stays unconfigured.
            return List.of(ConfigProblem.warning(file, "sets no keys; " + file.pid() + " stays unconfigured until "
                    + String.join(", ", missing) + " " + (missing.size() == 1 ? "is" : "are") + " set"));
        }
        return missing.stream().map(key -> ConfigProblem.error(file, key + " is missing: expected "
                + AllowedValues.describe(definitions.get(key)))).collect(Collectors.toList());
    }

    private static String unknownKey(String pid, String key, Set<String> known) {
        String suggestion = known.stream().filter(candidate -> distance(candidate, key) <= 2).findFirst()
                .map(candidate -> " (did you mean '" + candidate + "'?)").orElse("");
        return "unknown key '" + key + "'" + suggestion + "; " + pid + " has: " + String.join(", ", known);
    }

    private static boolean isFrameworkKey(String key) {
        return FRAMEWORK_KEY_PREFIXES.stream().anyMatch(key::startsWith) || key.endsWith(".target");
    }

    private static boolean hasDefault(AttributeDefinition ad) {
        String[] defaults = ad.getDefaultValue();
        return defaults != null && defaults.length > 0;
    }

    /** Never echoes a secret into the terminal or a log. */
    static String shown(String key, AttributeDefinition ad, String value) {
        String lower = key.toLowerCase(Locale.ROOT);
        boolean secret = ad.getType() == AttributeDefinition.PASSWORD || lower.contains("secret")
                || lower.contains("password") || lower.contains("token");
        return secret ? "'****'" : "'" + value + "'";
    }

    private static Map<String, AttributeDefinition> byId(AttributeDefinition[] definitions) {
        Map<String, AttributeDefinition> result = new TreeMap<>();
        if (definitions != null) {
            Arrays.stream(definitions).forEach(ad -> result.put(ad.getID(), ad));
        }
        return result;
    }

    /** Levenshtein distance, for "did you mean" on short keys. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
