package dev.voiceplane.app.bharatvoice.queue;

import java.time.Instant;

/**
 * One background job as the queue holds it.
 *
 * @param id        unique id, handed to the client that enqueued it
 * @param kind      what to do, e.g. {@code voice.transcribe}; selects the worker's handler
 * @param payload   the handler's input, JSON
 * @param status    where it is
 * @param attempts  attempts started so far
 * @param lastError why the latest attempt failed, if it did
 * @param result    the handler's output, JSON, once succeeded
 * @param createdAt when it was enqueued
 * @param updatedAt the latest change
 */
public record Job(String id, String kind, String payload, JobStatus status, int attempts, String lastError, String result,
        Instant createdAt, Instant updatedAt) {
}
