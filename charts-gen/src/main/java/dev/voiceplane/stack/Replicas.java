package dev.voiceplane.stack;

/**
 * Replica bounds of the API services; the HPA scales between them.
 *
 * @param min at least this many pods (the guides: 3 in production)
 * @param max at most this many pods (the guides: 20 for critical services)
 */
public record Replicas(int min, int max) {
    /** The guides' production figures. */
    public static final Replicas PRODUCTION = new Replicas(3, 20);

    public Replicas {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("replicas must satisfy 1 <= min <= max, got min=" + min + " max=" + max);
        }
    }

    /** Whether an autoscaler has room to act. */
    public boolean scales() {
        return max > min;
    }
}
