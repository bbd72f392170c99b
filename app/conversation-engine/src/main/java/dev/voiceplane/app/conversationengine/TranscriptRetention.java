package dev.voiceplane.app.conversationengine;

import dev.voiceplane.app.core.config.ServiceConfig;
import dev.voiceplane.catalog.Env;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * How long a caller's transcript is kept: a conversation whose last turn (or end) is older than
 * {@code TRANSCRIPT_RETENTION_DAYS} (default {@value #DEFAULT_DAYS}) goes, with every turn and the
 * caller's number. Thirty days covers what the transcript is for — the user reading back a call,
 * a dispute about a block — while a stranger's words are not kept indefinitely (GDPR Art. 5(1)(e),
 * storage limitation). Analyses and call records live in their own services.
 *
 * <p>Every replica sweeps; a second replica's sweep finds nothing left, so there is no leader.
 * Deletes go in batches so that a first sweep over a large backlog does not hold long locks.
 */
final class TranscriptRetention {

    static final int DEFAULT_DAYS = 30;
    /** A day's bound only needs checking far more often than daily; hourly is plenty. */
    static final Duration SWEEP_INTERVAL = Duration.ofHours(1);
    /** Not at start-up: a rollout restarting every replica should not sweep once per pod. */
    static final Duration FIRST_SWEEP = Duration.ofMinutes(5);
    static final int BATCH = 500;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration keep;

    TranscriptRetention(Jdbi jdbi, Clock clock, Duration keep) {
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("transcript retention must be positive, got " + keep);
        }
        this.jdbi = jdbi;
        this.clock = clock;
        this.keep = keep;
    }

    /** The bound from the catalog's {@code TRANSCRIPT_RETENTION_DAYS}, {@value #DEFAULT_DAYS} days when unset. */
    static Duration from(ServiceConfig config) {
        return config.retentionDays(Env.TRANSCRIPT_RETENTION_DAYS, DEFAULT_DAYS);
    }

    /** Deletes every conversation idle for longer than the bound; returns how many went. */
    int sweep() {
        Instant cutoff = clock.instant().minus(keep);
        int total = 0;
        int deleted;
        do {
            deleted = jdbi.withHandle(h -> h.createUpdate("""
                    DELETE FROM conversation WHERE call_id IN
                        (SELECT call_id FROM conversation WHERE updated_at < :cutoff LIMIT :batch)""")
                    .bind("cutoff", cutoff).bind("batch", BATCH).execute());
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
