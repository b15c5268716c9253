package io.gatehouse.runtime.internal.launch;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * Makes every logger in the process write one format to standard output. slf4j-simple (the bundles' logger, found
 * through SPI Fly) reads its settings from system properties once, when the first logger is created: they are set
 * before the framework starts; {@code -D} options in JAVA_OPTS win, except the level, which {@code --log-level}
 * sets. SPI Fly logs through java.util.logging, which gets the same format.
 */
final class LoggingSetup {

    private static final String PREFIX = "org.slf4j.simpleLogger.";
    /** java.util.logging's format in the shape of slf4j-simple's: date, level, logger, message, exception. */
    private static final String JUL_FORMAT = "%1$tY-%1$tm-%1$td %1$tH:%1$tM:%1$tS.%1$tL %4$s %3$s - %5$s%6$s%n";
    /** Held here: java.util.logging keeps loggers only weakly, and with them their level. */
    private static final Logger SPIFLY = Logger.getLogger("org.apache.aries.spifly");

    private LoggingSetup() {
    }

    static void apply(LogLevel level) {
        System.setProperty(PREFIX + "defaultLogLevel", level.slf4jName());
        setIfAbsent(PREFIX + "showDateTime", "true");
        setIfAbsent(PREFIX + "dateTimeFormat", Terminal.TIMESTAMP_PATTERN);
        setIfAbsent(PREFIX + "showThreadName", "false");
        setIfAbsent(PREFIX + "logFile", "System.out");
        if (level == LogLevel.INFO) {
            // Jetty and the Web Console report internals at info: keep the startup output readable.
            setIfAbsent(PREFIX + "log.org.eclipse.jetty", "warn");
            setIfAbsent(PREFIX + "log.org.apache.felix.webconsole", "warn");
        }
        julToStandardOutput(level);
    }

    private static void julToStandardOutput(LogLevel level) {
        setIfAbsent("java.util.logging.SimpleFormatter.format", JUL_FORMAT);
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        // Not ConsoleHandler: redirecting it closes System.err.
        Handler handler = new StreamHandler(System.out, new SimpleFormatter()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }

            @Override
            public synchronized void close() {
                flush();
            }
        };
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(julLevel(level));
        // SPI Fly reports every provider it wires at info.
        SPIFLY.setLevel(level == LogLevel.INFO ? Level.WARNING : null);
    }

    private static Level julLevel(LogLevel level) {
        switch (level) {
            case ERROR:
                return Level.SEVERE;
            case WARN:
                return Level.WARNING;
            case INFO:
                return Level.INFO;
            case DEBUG:
                return Level.FINE;
            default:
                return Level.ALL;
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
