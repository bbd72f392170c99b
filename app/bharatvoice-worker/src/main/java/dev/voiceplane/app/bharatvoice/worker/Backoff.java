package dev.voiceplane.app.bharatvoice.worker;

import java.time.Duration;

/**
 * Exponential backoff: {@code base × 2^(attempt-1)}, capped at {@link #MAX}. Attempt 1 failing
 * waits {@code base}, attempt 2 twice that, and so on.
 *
 * @param base the wait after the first failed attempt
 */
public record Backoff(Duration base) {

    public static final Duration MAX = Duration.ofMinutes(5);
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(2));

    public Duration after(int attempt) {
        int exponent = Math.min(Math.max(attempt, 1) - 1, 20);
        Duration wait = base.multipliedBy(1L << exponent);
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }
}
