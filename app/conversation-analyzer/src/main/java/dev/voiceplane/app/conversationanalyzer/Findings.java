package dev.voiceplane.app.conversationanalyzer;

import dev.voiceplane.app.core.telephony.SpamCategory;

/**
 * What an analyzer concluded about one transcript.
 *
 * @param summary        one or two sentences
 * @param sentiment      the caller's tone
 * @param sentimentScore -1 (hostile) to 1 (warm)
 * @param category       what kind of call it was
 * @param quality        0–1: how well the assistant handled the call
 */
public record Findings(String summary, Sentiment sentiment, double sentimentScore, SpamCategory category, double quality) {
}
