package dev.voiceplane.app.conversationengine;

/**
 * Generates the assistant's reply to one caller utterance. Implementations: {@link AzureOpenAiProvider}
 * (when Azure OpenAI is configured) and {@link OfflineResponseProvider} (always available, no cloud).
 */
public interface ResponseProvider {

    /** Short name used in metrics and answers: {@code azure-openai}, {@code offline}. */
    String name();

    /** The reply; throws a runtime exception when the provider cannot answer (the engine then falls back). */
    String reply(DialogPrompt prompt);

    /**
     * The reply, given to {@code delta} piece by piece as it is made (a provider that cannot stream
     * gives it whole, once); returns the whole reply. Throws like {@link #reply}; an exception thrown
     * by {@code delta} (the listener went away) stops the reply and is rethrown.
     */
    default String stream(DialogPrompt prompt, java.util.function.Consumer<String> delta) {
        String reply = reply(prompt);
        delta.accept(reply);
        return reply;
    }
}
