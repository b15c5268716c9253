package io.gatehouse.runtime.internal.launch;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The launcher's own lines on the terminal, in the format slf4j-simple uses for the bundles' logs
 * ({@code 2026-11-25 21:00:00.123 INFO name - message}), so that one output reads as one log.
 */
public final class Terminal {

    /** The timestamp format of every line, also given to slf4j-simple. */
    public static final String TIMESTAMP_PATTERN = "yyyy-MM-dd HH:mm:ss.SSS";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern(TIMESTAMP_PATTERN);

    private final PrintStream out;
    private final PrintStream err;
    private final LogLevel threshold;

    /**
     * @param out where log lines and information go (the bundles log there too)
     * @param err where errors that stop Gatehouse go
     * @param threshold the least important level shown
     */
    public Terminal(PrintStream out, PrintStream err, LogLevel threshold) {
        this.out = out;
        this.err = err;
        this.threshold = threshold;
    }

    /** @return the least important level shown */
    public LogLevel threshold() {
        return threshold;
    }

    /**
     * A log line.
     *
     * @param level its level
     * @param source who says it
     * @param message what it says
     */
    public void log(LogLevel level, String source, String message) {
        if (threshold.shows(level)) {
            out.println(LocalDateTime.now().format(TIMESTAMP) + " " + level + " " + source + " - " + message);
        }
    }

    /**
     * A line for the operator that is shown at every log level (where Gatehouse listens, the console password).
     *
     * @param line the line
     */
    public void say(String line) {
        out.println(line);
        out.flush();
    }

    /**
     * An error the operator must act on, shown at every log level.
     *
     * @param line the line
     */
    public void fail(String line) {
        err.println(line);
        err.flush();
    }
}
