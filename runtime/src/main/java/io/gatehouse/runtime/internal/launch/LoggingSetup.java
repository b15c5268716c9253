package io.gatehouse.runtime.internal.launch;

/**
 * slf4j-simple (the bundles' logger, found through SPI Fly) reads its settings from system properties once, when
 * the first logger is created: set them before the framework starts. {@code -D} options in JAVA_OPTS win, except
 * the level, which {@code --log-level} sets.
 */
final class Slf4jSimpleSettings {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private Slf4jSimpleSettings() {
    }

    static void apply(LogLevel level) {
        System.setProperty(PREFIX + "defaultLogLevel", level.slf4jName());
        setIfAbsent("showDateTime", "true");
        setIfAbsent("dateTimeFormat", Terminal.TIMESTAMP_PATTERN);
        setIfAbsent("showThreadName", "false");
        setIfAbsent("logFile", "System.out");
        if (level == LogLevel.INFO) {
            // Jetty announces its version and every connector at info: keep the startup output readable.
            setIfAbsent("log.org.eclipse.jetty", "warn");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
