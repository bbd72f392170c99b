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
}
