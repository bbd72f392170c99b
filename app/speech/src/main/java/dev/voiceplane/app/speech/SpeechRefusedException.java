package dev.voiceplane.app.speech;

/**
 * The provider refused the request itself (a format it cannot read, a language it does not speak, a
 * text too long): the same request will fail again, so it is not retried. Throttling, server errors
 * and timeouts are plain {@link SpeechException}s, worth another attempt.
 */
public class SpeechRefusedException extends SpeechException {

    private static final long serialVersionUID = 1L;

    public SpeechRefusedException(String message) {
        super(message, false, null);
    }

    public SpeechRefusedException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
