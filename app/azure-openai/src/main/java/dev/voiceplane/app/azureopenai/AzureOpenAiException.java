package dev.voiceplane.app.azureopenai;

/** Azure OpenAI could not be reached, timed out, or answered with an error or an unreadable body. */
public final class AzureOpenAiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AzureOpenAiException(String message, Throwable cause) {
        super(message, cause);
    }
}
