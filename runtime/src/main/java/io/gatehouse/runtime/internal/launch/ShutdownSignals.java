package io.gatehouse.runtime.internal.launch;

import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT (Ctrl-C) into an orderly stop of the framework, after which {@code gatehouse run} returns
 * normally and exits with status 0. (A JVM shutdown hook alone would stop the framework too, but the JVM then exits
 * with 128 + the signal number.)
 */
final class ShutdownSignals {

    private ShutdownSignals() {
    }

    /**
     * @param onSignal called (on the signal thread) with the signal's name; must return quickly
     * @return whether the handlers are installed (false on JVMs without {@code sun.misc.Signal})
     */
    static boolean install(java.util.function.Consumer<String> onSignal) {
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                Signal.handle(new Signal(name), signal -> onSignal.accept("SIG" + signal.getName()));
            }
            return true;
        } catch (IllegalArgumentException | LinkageError e) {
            return false;
        }
    }
}
