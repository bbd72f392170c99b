package dev.voiceplane.app.conversationanalyzer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.azureopenai.AzureOpenAiClient;
import dev.voiceplane.app.azureopenai.AzureOpenAiException;
import dev.voiceplane.app.azureopenai.ChatMessage;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.core.telephony.SpamCategory;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Analyses a transcript with Azure OpenAI: the model is asked for one JSON object with the
 * {@link Findings} fields; an answer that is not that object, or out of range, is a failure (the
 * offline analyzer answers instead).
 */
public final class AzureOpenAiAnalyzer implements TranscriptAnalyzer {

    public static final String NAME = "azure-openai";
    static final String INSTRUCTIONS = """
            You analyse phone calls answered by an AI assistant. Reply with one JSON object and nothing else: \
            {"summary": one or two sentences, "sentiment": "POSITIVE"|"NEUTRAL"|"NEGATIVE", \
            "sentimentScore": number from -1 to 1 for the caller's tone, \
            "category": "NONE"|"TELEMARKETING"|"SCAM"|"ROBOCALL"|"SURVEY"|"OTHER", \
            "quality": number from 0 to 1 for how well the assistant handled the call}.""";

    private final AzureOpenAiClient client;

    public AzureOpenAiAnalyzer(AzureOpenAiClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Findings analyze(List<Utterance> transcript) {
        StringBuilder text = new StringBuilder();
        for (Utterance utterance : transcript) {
            text.append(utterance.speaker().name().toLowerCase(Locale.ROOT)).append(": ").append(utterance.text()).append('\n');
        }
        String answer = client.complete(List.of(ChatMessage.system(INSTRUCTIONS), ChatMessage.user(text.toString())), 300, 0);
        return parse(answer);
    }

    static Findings parse(String answer) {
        String json = answer.trim();
        int start = json.indexOf('{');
        int end = json.lastIndexOf('}');
        if (start < 0 || end < start) {
            throw new AzureOpenAiException("Azure OpenAI's analysis is not a JSON object", null);
        }
        try {
            JsonNode node = Json.mapper().readTree(json.substring(start, end + 1));
            double sentimentScore = node.path("sentimentScore").asDouble(Double.NaN);
            double quality = node.path("quality").asDouble(Double.NaN);
            String summary = node.path("summary").asText("");
            if (summary.isBlank() || !(sentimentScore >= -1 && sentimentScore <= 1) || !(quality >= 0 && quality <= 1)) {
                throw new AzureOpenAiException("Azure OpenAI's analysis lacks a summary or has scores out of range", null);
            }
            return new Findings(summary, Sentiment.valueOf(node.path("sentiment").asText()), sentimentScore,
                    SpamCategory.valueOf(node.path("category").asText()), quality);
        } catch (IOException | IllegalArgumentException e) {
            throw new AzureOpenAiException("Azure OpenAI's analysis is not valid: " + e.getMessage(), e);
        }
    }
}
