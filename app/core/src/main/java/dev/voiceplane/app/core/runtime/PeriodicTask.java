package dev.voiceplane.app.core.runtime;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work repeated on a fixed delay on one daemon thread of its own: a retry of what a callee did not
 * take, a sweep, a refresh of figures. A failed round is logged and the next round runs anyway —
 * an exception escaping a scheduled executor would silently cancel every later round. Stopping
 * lets the round in progress finish within the grace.
 */
public final class PeriodicTask implements ManagedTask {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration initialDelay;
    private final Duration interval;
    private final Runnable round;
    private ScheduledExecutorService scheduler;

    public PeriodicTask(String name, Duration initialDelay, Duration interval, Runnable round) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("task '" + name + "': interval must be positive, got " + interval);
        }
        this.name = name;
        this.initialDelay = initialDelay;
        this.interval = interval;
        this.round = round;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::runRound, initialDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runRound() {
        try {
            round.run();
        } catch (RuntimeException e) {
            LOG.warn("task {} failed; next round in {}: {}", name, interval, dev.voiceplane.app.core.observability.LogSafe.describe(e));
        }
    }

    @Override
    public synchronized void stop(Duration grace) {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
