package dev.voiceplane.app.bharatvoice.worker;

import com.fasterxml.jackson.databind.JsonNode;

/** Runs one kind of job. */
public interface JobHandler {

    /**
     * Does the work and returns the result as JSON text. Any exception is a failed attempt that is
     * retried with backoff, except {@link PermanentFailure}, which goes straight to the dead-letter list.
     */
    String handle(JsonNode payload) throws Exception;

    /**
     * As {@link #handle(JsonNode)}, for a handler that writes files: {@code files} is the job's own
     * directory on the data volume ({@link dev.voiceplane.app.bharatvoice.queue.JobFiles}, not yet
     * created). Whatever is written there is exported with the job, erased with its owner and swept
     * with its retention; a file written anywhere else is not. The worker calls this one.
     */
    default String handle(JsonNode payload, java.nio.file.Path files) throws Exception {
        return handle(payload);
    }

    /** A failure no retry can fix (malformed payload, unknown kind). */
    final class PermanentFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public PermanentFailure(String message) {
            super(message);
        }
    }
}
