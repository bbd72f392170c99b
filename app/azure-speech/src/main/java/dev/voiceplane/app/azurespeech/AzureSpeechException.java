package dev.voiceplane.app.azurespeech;

/**
 * Azure Speech could not be reached, ran out of time, or answered with an error or an unreadable
 * body. The message names the host and the HTTP status, never the key.
 */
public final class AzureSpeechException extends dev.voiceplane.app.speech.SpeechException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status Azure answered, or 0 when there was no answer. */
    private final int status;

    public AzureSpeechException(String message, int status, boolean timeout, Throwable cause) {
        super(message, timeout, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
