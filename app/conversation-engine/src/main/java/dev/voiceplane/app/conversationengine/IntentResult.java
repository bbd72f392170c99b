package dev.voiceplane.app.conversationengine;

import java.util.Map;

/**
 * The detected intent of one caller utterance.
 *
 * @param intent     the most likely intent; {@link Intent#UNKNOWN} when nothing scored
 * @param confidence 0–1: the winner's share of the evidence, lowered when the evidence is thin
 * @param scores     the raw score of every intent that had any evidence
 */
public record IntentResult(Intent intent, double confidence, Map<Intent, Double> scores) {

    public IntentResult {
        scores = Map.copyOf(scores);
    }
}
