package io.gatehouse.runtime.internal.launch;

import org.osgi.framework.Bundle;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;

/**
 * Prints the OSGi Log Service's entries (SCR, Configuration Admin, Felix HTTP, FileInstall log there, not through
 * slf4j), so that a component that fails to activate or a port that cannot be bound shows on the terminal.
 */
final class OsgiLogPrinter implements LogListener {

    private final Terminal terminal;

    OsgiLogPrinter(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public void logged(LogEntry entry) {
        LogLevel level = levelOf(entry);
        // The log service also records every bundle and service event: noise unless something failed.
        if (entry.getLoggerName() != null && entry.getLoggerName().startsWith("Events.")
                && level.ordinal() > LogLevel.WARN.ordinal()) {
            return;
        }
        if (!terminal.threshold().shows(level)) {
            return;
        }
        StringBuilder message = new StringBuilder(String.valueOf(entry.getMessage()));
        Throwable exception = entry.getException();
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            message.append(cause == exception ? ": " : "; caused by ").append(cause);
        }
        terminal.log(level, sourceOf(entry), message.toString());
    }

    private static LogLevel levelOf(LogEntry entry) {
        switch (entry.getLogLevel()) {
            case AUDIT:
            case ERROR:
                return LogLevel.ERROR;
            case WARN:
                return LogLevel.WARN;
            case INFO:
                return LogLevel.INFO;
            case DEBUG:
                return LogLevel.DEBUG;
            default:
                return LogLevel.TRACE;
        }
    }

    private static String sourceOf(LogEntry entry) {
        Bundle bundle = entry.getBundle();
        String name = bundle == null ? null : bundle.getSymbolicName();
        return name != null ? name : String.valueOf(entry.getLoggerName());
    }
}
