package io.gatehouse.tests.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk (Debian package) with a Lua script that replays one fixed, pre-signed request, and reads
 * its summary. Bounded: wrk stops itself after the duration; this waits a little longer, then kills it.
 */
final class Wrk {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors:(.*)");

    private final int threads;
    private final int connections;

    Wrk(int threads, int connections) {
        this.threads = threads;
        this.connections = connections;
    }

    /** What one run measured; latencies in milliseconds. */
    record Result(double requestsPerSecond, long requests, double p50, double p99, long non2xx, String socketErrors,
            String output) {
    }

    /** Replays {@code body} with exactly {@code headers} against {@code url} for {@code duration}. */
    Result run(URI url, Map<String, List<String>> headers, String body, Duration duration, Path workDir) {
        Path script = writeScript(headers, body, workDir);
        List<String> command = List.of("wrk", "-t" + threads, "-c" + connections, "-d" + duration.toSeconds() + "s",
                "--timeout", "5s", "--latency", "-s", script.toString(), url.toString());
        String output = execute(command, duration.plusSeconds(30));
        return new Result(number(RATE, output), (long) number(TOTAL, output), latency("50%", output),
                latency("99%", output), (long) optional(NON_2XX, output), socketErrors(output), output);
    }

    private static Path writeScript(Map<String, List<String>> headers, String body, Path workDir) {
        StringBuilder lua = new StringBuilder("wrk.method = \"POST\"\nwrk.body = [==[").append(body).append("]==]\n");
        headers.forEach((name, values) -> lua.append("wrk.headers[\"").append(name).append("\"] = [==[")
                .append(String.join(",", values)).append("]==]\n"));
        try {
            Path script = Files.createTempFile(workDir, "request-", ".lua");
            Files.writeString(script, lua);
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String execute(List<String> command, Duration limit) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("wrk ran longer than " + limit);
            }
            String output = new String(process.getInputStream().readAllBytes());
            if (process.exitValue() != 0) {
                throw new IllegalStateException("wrk failed (" + process.exitValue() + "):\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run wrk (apt-get install -y wrk)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static double latency(String percentile, String output) {
        Matcher matcher = Pattern.compile("^\\s+" + Pattern.quote(percentile) + "\\s+([\\d.]+)(us|ms|s)\\s*$",
                Pattern.MULTILINE).matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + percentile + " latency in wrk output:\n" + output);
        }
        double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static double number(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("unexpected wrk output:\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    private static double optional(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static String socketErrors(String output) {
        Matcher matcher = SOCKET_ERRORS.matcher(output);
        return matcher.find() ? matcher.group(1).strip() : "none";
    }
}
