package dev.voiceplane.app.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for something a service does in the background (a retry, a drained socket, a job) by
 * polling the condition, never by sleeping a fixed time: a test is as fast as the service, and a
 * bound turns a hang into a failure that says how long it waited.
 */
public final class Await {
    /** Only a guard against a hang: a loaded 2-core machine must never fail a test by being slow. */
    public static final Duration DEFAULT_BOUND = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 20;

    private Await() {
    }

    public static void until(BooleanSupplier condition) {
        until(condition, DEFAULT_BOUND);
    }

    public static void until(BooleanSupplier condition, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + bound.toSeconds() + " s");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
    }
}
