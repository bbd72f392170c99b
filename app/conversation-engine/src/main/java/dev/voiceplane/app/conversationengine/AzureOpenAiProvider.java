package dev.voiceplane.app.conversationengine;

import dev.voiceplane.app.azureopenai.AzureOpenAiClient;
import dev.voiceplane.app.azureopenai.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Replies through Azure OpenAI chat completions. The system message tells the model who it speaks
 * for, the detected intent and what is known of the caller; earlier turns go in as the chat history.
 */
public final class AzureOpenAiProvider implements ResponseProvider {

    public static final String NAME = "azure-openai";
    /** Spoken replies are short; this also bounds latency and cost per turn. */
    static final int MAX_TOKENS = 120;
    static final double TEMPERATURE = 0.4;

    private final AzureOpenAiClient client;

    public AzureOpenAiProvider(AzureOpenAiClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String reply(DialogPrompt prompt) {
        return client.complete(messages(prompt), MAX_TOKENS, TEMPERATURE);
    }

    /** Streamed chat completions: the first sentence can be spoken while the model writes the rest. */
    @Override
    public String stream(DialogPrompt prompt, java.util.function.Consumer<String> delta) {
        return client.stream(messages(prompt), MAX_TOKENS, TEMPERATURE, delta);
    }

    private static List<ChatMessage> messages(DialogPrompt prompt) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(systemMessage(prompt)));
        for (DialogTurn turn : prompt.history()) {
            messages.add(ChatMessage.user(turn.callerText()));
            messages.add(ChatMessage.assistant(turn.reply()));
        }
        messages.add(ChatMessage.user(prompt.callerText()));
        return messages;
    }

    static String systemMessage(DialogPrompt prompt) {
        StringBuilder text = new StringBuilder("""
                You answer phone calls on behalf of the person being called. Be polite, brief (one or two \
                spoken sentences) and never reveal personal information. Turn away sales pitches and \
                automated calls firmly; take messages for personal calls; note appointment details.""");
        text.append(" The caller's intent appears to be ").append(prompt.intent().intent().name().toLowerCase(java.util.Locale.ROOT))
                .append(" (confidence ").append(prompt.intent().confidence()).append(").");
        prompt.profile().ifPresent(p -> text.append(" The caller's number has called ").append(p.totalCalls())
                .append(" times; spam score ").append(p.spamScore()).append(" (").append(p.spamCategory()).append(")."));
        return text.toString();
    }
}
