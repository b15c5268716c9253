package io.gatehouse.tests.e2e;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name value} arguments of {@link GetItemBenchmark}, with defaults. */
final class BenchmarkOptions {

    private BenchmarkOptions() {
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>(Map.of("duration", "10", "warmup", "10", "threads", "2",
                "connections", "16", "report", "docs/benchmarks.md", "commit", "unknown"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (!options.containsKey(name)) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + options.keySet());
            }
            options.put(name, args[i + 1]);
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("option without a value: " + args[args.length - 1]);
        }
        return options;
    }
}
