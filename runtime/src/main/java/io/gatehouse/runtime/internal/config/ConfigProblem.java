package io.gatehouse.runtime.internal.config;

import java.util.Objects;

/**
 * Something wrong with a configuration file, said so that the operator knows which file and key to fix and what
 * is allowed there.
 *
 * @param severity whether startup stops
 * @param file the file as the operator knows it, e.g. {@code etc/io.gatehouse.proxy.cfg}
 * @param message what is wrong and what is allowed, starting with the key when one is concerned
 */
public record ConfigProblem(Severity severity, String file, String message) {

    /** Whether a problem stops startup. */
    public enum Severity {
        /** Startup stops (exit status 2). */
        ERROR,
        /** Printed; startup continues. */
        WARNING
    }

    /** Checks that no component is null. */
    public ConfigProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    static ConfigProblem error(CfgFile file, String message) {
        return new ConfigProblem(Severity.ERROR, file.displayName(), message);
    }

    static ConfigProblem warning(CfgFile file, String message) {
        return new ConfigProblem(Severity.WARNING, file.displayName(), message);
    }

    /** @return whether startup stops */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** @return the line printed to the terminal, e.g. {@code etc/x.cfg: port = 'abc' is not allowed: ...} */
    public String render() {
        return file + ": " + message;
    }
}
