package dev.voiceplane.app.azurespeech;

/**
 * Azure Speech could not be reached, ran out of time, or answered with an error or an unreadable
 * body. The message names the host and the HTTP status, never the key.
 */
public final class AzureSpeechException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status Azure answered, or 0 when there was no answer. */
    private final int status;
    private final boolean timeout;

    public AzureSpeechException(String message, int status, boolean timeout, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.timeout = timeout;
    }

    public int status() {
        return status;
    }

    /** Whether the call ran out of its time (as opposed to failing). */
    public boolean timeout() {
        return timeout;
    }
}
