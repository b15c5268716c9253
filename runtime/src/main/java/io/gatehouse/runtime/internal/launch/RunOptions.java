package io.gatehouse.runtime.internal.launch;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@code gatehouse run} was asked to do.
 *
 * @param home the installation
 * @param logLevel how much to log
 * @param waitForDataPlane whether startup waits until the data plane accepts connections (and fails if it does not)
 * @param startupTimeout how long startup may wait for the data plane and each start level
 */
public record RunOptions(Home home, LogLevel logLevel, boolean waitForDataPlane, Duration startupTimeout) {

    /** Checks that no component is null. */
    public RunOptions {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
    }
}
