package dev.voiceplane.app.usermanagement;

import dev.voiceplane.app.core.runtime.ManagedTask;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the retention sweep hourly on every replica. The deletes are idempotent, so replicas
 * sweeping at the same time only repeat each other's work.
 */
public final class RetentionSweeper implements ManagedTask {

    public static final Duration INTERVAL = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);

    private final PrivacyService privacy;
    private ScheduledExecutorService scheduler;

    public RetentionSweeper(PrivacyService privacy) {
        this.privacy = privacy;
    }

    @Override
    public String name() {
        return "retention-sweeper";
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name());
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                LOG.info("retention sweep deleted {}", privacy.sweep());
            } catch (RuntimeException e) {
                LOG.warn("retention sweep failed: {}", e.toString());
            }
        }, INTERVAL.toMinutes(), INTERVAL.toMinutes(), TimeUnit.MINUTES);
    }

    @Override
    public void stop(Duration grace) {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
