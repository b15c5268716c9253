package io.gatehouse.runtime.internal.launch;

import java.util.Locale;

/** How much Gatehouse logs, from the command line ({@code --log-level}) to slf4j-simple, Felix and the OSGi log. */
public enum LogLevel {
    /** Errors only. */
    ERROR(1),
    /** Errors and warnings. */
    WARN(2),
    /** Also what starts and stops (the default). */
    INFO(3),
    /** Also details for finding faults. */
    DEBUG(4),
    /** Everything. */
    TRACE(4);

    private final int felixLevel;

    LogLevel(int felixLevel) {
        this.felixLevel = felixLevel;
    }

    /** @return the level name slf4j-simple understands */
    public String slf4jName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the {@code felix.log.level} of the framework's own messages (1 error ... 4 debug) */
    public int felixLevel() {
        // The framework's info messages are about its internals; show them from debug on.
        return this == INFO ? WARN.felixLevel : felixLevel;
    }

    /**
     * @param other a level
     * @return whether a message at {@code other} is shown at this level
     */
    public boolean shows(LogLevel other) {
        return other.ordinal() <= ordinal();
    }
}
