package dev.voiceplane.app.devstack.faults;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** The embedded stores' server processes, children of this JVM, and POSIX signals to them. */
final class StoreProcesses {

    private StoreProcesses() {
    }

    /** The pid of the redis-server this JVM started (there is one). */
    static long redis() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("redis-server")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no redis-server process under this JVM")).pid();
    }

    /** Sends {@code signal} (STOP, CONT) to {@code pid}. */
    static void signal(long pid, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (!kill.waitFor(60, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }
}
