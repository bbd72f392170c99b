package dev.voiceplane.app.speech;

/** A speech provider failed or ran out of time; the message names the provider and never holds a key. */
public class SpeechException extends RuntimeException {

    private final boolean timeout;

    public SpeechException(String message, boolean timeout, Throwable cause) {
        super(message, cause);
        this.timeout = timeout;
    }

    /** Whether the provider did not answer in time (as opposed to answering with an error). */
    public boolean timeout() {
        return timeout;
    }
}
