package io.gatehouse.tests.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** The figures of one benchmark run as a dated Markdown section, added on top of the older ones. */
final class BenchmarkReport {

    private static final String HEADER = "# Benchmarks\n\n"
            + "Written by `bench/run` (newest first). Each section is one run on one machine: the same pre-signed\n"
            + "DynamoDB GetItem replayed by wrk directly against dynalite and through Gatehouse (distribution\n"
            + "started with `bin/gatehouse run`, upstream = the same dynalite), on loopback. Runs vary by up to\n"
            + "1.5x between machines and moments, so compare the two rows of one run (the ratio), not runs.\n"
            + "The load tool shares the machine's cores with both servers.\n";
    private static final String MARKER = "\n## ";

    private final Instant at;
    private final Map<String, String> options;
    private final Wrk.Result direct;
    private final Wrk.Result gateway;

    BenchmarkReport(Instant at, Map<String, String> options, Wrk.Result direct, Wrk.Result gateway) {
        this.at = at;
        this.options = options;
        this.direct = direct;
        this.gateway = gateway;
    }

    String markdown() {
        return "## " + GetItemBenchmark.utc(at) + " — GetItem, wrk -t" + options.get("threads") + " -c"
                + options.get("connections") + " -d" + options.get("duration") + "s\n\n"
                + "Commit " + options.get("commit") + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", warm-up " + options.get("warmup") + " s each.\n\n"
                + "| target | requests/s | p50 latency | p99 latency | requests | socket errors |\n"
                + "|---|---:|---:|---:|---:|---|\n"
                + row("dynalite direct", direct) + row("through Gatehouse", gateway)
                + "\nGatehouse / direct throughput: **" + format("%.2f", gateway.requestsPerSecond()
                        / direct.requestsPerSecond()) + "** (p50 +" + format("%.2f", gateway.p50() - direct.p50())
                + " ms, p99 +" + format("%.2f", gateway.p99() - direct.p99()) + " ms)\n";
    }

    /** Adds this run's section above the older ones in {@code file}. */
    void record(Path file) throws IOException {
        String existing = Files.exists(file) ? Files.readString(file) : HEADER;
        int firstSection = existing.indexOf(MARKER);
        String head = (firstSection < 0 ? existing : existing.substring(0, firstSection)).stripTrailing() + "\n";
        String older = firstSection < 0 ? "" : existing.substring(firstSection + 1);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, head + "\n" + markdown() + (older.isEmpty() ? "" : "\n" + older));
    }

    private static String row(String name, Wrk.Result result) {
        return "| " + name + " | " + format("%.0f", result.requestsPerSecond()) + " | "
                + format("%.2f", result.p50()) + " ms | " + format("%.2f", result.p99()) + " ms | "
                + result.requests() + " | " + result.socketErrors() + " |\n";
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
