package dev.voiceplane.app.bharatvoice.worker;

import com.fasterxml.jackson.databind.JsonNode;

/** Runs one kind of job. */
public interface JobHandler {

    /**
     * Does the work and returns the result as JSON text. Any exception is a failed attempt that is
     * retried with backoff, except {@link PermanentFailure}, which goes straight to the dead-letter list.
     */
    String handle(JsonNode payload) throws Exception;

    /** A failure no retry can fix (malformed payload, unknown kind). */
    final class PermanentFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public PermanentFailure(String message) {
            super(message);
        }
    }
}
