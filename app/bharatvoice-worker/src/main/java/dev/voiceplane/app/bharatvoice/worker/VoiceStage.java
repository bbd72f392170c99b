package dev.voiceplane.app.bharatvoice.worker;

import java.util.Locale;

/**
 * The stages of a voice query, in order: the upload is checked, transcribed, answered, the answer
 * spoken, and the result stored. A failure names its stage, so the job's state says where it
 * stopped ({@code lastError} starts with {@code "<stage> failed"} or {@code "<stage> timed out"}).
 */
public enum VoiceStage {
    VERIFY, TRANSCRIBE, ANSWER, SYNTHESIZE, STORE;

    /** The stage's name in metrics and errors. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A stage that failed: the message says which and how; {@code permanent} ones are not retried. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final VoiceStage stage;
        final boolean permanent;

        Failure(VoiceStage stage, boolean timeout, boolean permanent, String detail, Throwable cause) {
            super(stage.label() + (timeout ? " timed out: " : " failed: ") + detail, cause);
            this.stage = stage;
            this.permanent = permanent;
        }
    }
}
