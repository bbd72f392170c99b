package dev.voiceplane.app.bharatvoice.queue;

/** Where a job is in its life. */
public enum JobStatus {
    /** Acknowledged and waiting for a worker. */
    QUEUED,
    /** A worker has it. */
    RUNNING,
    /** Failed; waiting out its backoff before the next attempt. */
    RETRYING,
    /** Done; the result is stored. */
    SUCCEEDED,
    /** Failed {@code JOB_MAX_ATTEMPTS} times (or could never succeed); in the dead-letter list. */
    DEAD
}
