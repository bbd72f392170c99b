package dev.voiceplane.app.core.runtime;

import java.time.Duration;

/**
 * Work a service runs beside its HTTP server — a queue consumer, a scheduled aggregation. Started
 * after the server is up; stopped after it has drained, with a bounded grace period in which the
 * task finishes (or hands back) what it holds.
 */
public interface ManagedTask {

    String name();

    void start();

    /** Stops taking new work and waits up to {@code grace} for work in hand. */
    void stop(Duration grace);
}
