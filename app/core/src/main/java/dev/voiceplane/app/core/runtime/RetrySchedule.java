package dev.voiceplane.app.core.runtime;

import java.time.Duration;
import java.time.Instant;

/**
 * When to try a failed delivery again, and when to stop: exponential backoff from {@code first},
 * doubling up to {@code longest}, for at most {@code attempts} attempts; after that the item goes
 * to a dead-letter (kept for an operator, counted, never retried on its own). An outbox (the
 * analyzer's reports, user-management's erasure fan-out, realtime-processor's transcripts) keeps
 * the attempt count and the next attempt's time with each item.
 *
 * @param first    the wait after the first failure
 * @param longest  the most it waits between two attempts
 * @param attempts the attempts before giving up
 */
public record RetrySchedule(Duration first, Duration longest, int attempts) {

    /** 1 s, 2 s, 4 s ... up to 5 min, 20 attempts: about an hour of outage survived before a dead-letter. */
    public static final RetrySchedule DEFAULT = new RetrySchedule(Duration.ofSeconds(1), Duration.ofMinutes(5), 20);

    public RetrySchedule {
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0 || attempts < 1) {
            throw new IllegalArgumentException("a retry schedule needs 0 < first <= longest and at least one attempt");
        }
    }

    /** The wait after the {@code failures}-th failure (1 for the first). */
    public Duration delayAfter(int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 30));
        Duration delay = first.multipliedBy(1L << doublings);
        return delay.compareTo(longest) > 0 ? longest : delay;
    }

    /** When to try again after the {@code failures}-th failure at {@code now}. */
    public Instant nextAttempt(int failures, Instant now) {
        return now.plus(delayAfter(failures));
    }

    /** Whether {@code failures} failed attempts are all this schedule allows. */
    public boolean exhausted(int failures) {
        return failures >= attempts;
    }
}
