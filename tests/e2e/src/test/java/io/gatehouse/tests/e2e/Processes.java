package io.gatehouse.tests.e2e;

/** Servers a test starts must not outlive the test JVM, whatever ends it (a failed start, a timeout, Ctrl-C). */
final class Processes {

    private Processes() {
    }

    static void stopAtExit(Process process) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }, "stop " + process.pid()));
    }
}
