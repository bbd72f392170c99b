package dev.voiceplane.app.core.health;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A shutdown's wait for work to finish: the stopping thread waits until a condition holds (no
 * WebSocket open, no call turn in flight), at most a grace, and whoever changes the condition calls
 * {@link #signal()} so the wait ends the moment it holds rather than at the next poll. The grace is
 * the pod's (Kubernetes kills it after {@code terminationGracePeriodSeconds}), never a test's clock.
 */
public final class BoundedWait {

    private final Object lock = new Object();

    /** Wakes the waiters to check their condition again; call it after every change that may satisfy it. */
    public void signal() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /**
     * Waits until {@code done} holds, at most {@code grace}.
     *
     * @return true when it held; false when the grace ran out first, or the thread was interrupted
     *         (its interrupt status is kept, so the caller's shutdown goes on)
     */
    public boolean await(BooleanSupplier done, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (lock) {
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }
}
