package dev.voiceplane.app.conversationanalyzer;

import dev.voiceplane.app.core.telephony.SpamCategory;
import java.time.Instant;

/**
 * The stored analysis of one call, as the API answers it.
 *
 * @param callId          the call
 * @param userId          the user who was called
 * @param callerNumber    the caller, when known
 * @param startedAt       when the call began
 * @param durationSeconds how long it lasted
 * @param outcome         how it ended
 * @param turns           utterances in the transcript
 * @param summary         see {@link Findings}
 * @param sentiment       see {@link Findings}
 * @param sentimentScore  see {@link Findings}
 * @param category        see {@link Findings}
 * @param quality         see {@link Findings}
 * @param analyzer        who analysed it: {@code offline} or {@code azure-openai}
 * @param createdAt       when the analysis was stored
 * @param reportedAt      when profile-analytics acknowledged the outcome; null while pending or never (no number)
 * @param callerAsserted  whether a telephony provider asserted the caller number
 */
public record Analysis(String callId, String userId, String callerNumber, Instant startedAt, int durationSeconds, Outcome outcome,
        int turns, String summary, Sentiment sentiment, double sentimentScore, SpamCategory category, double quality, String analyzer,
        Instant createdAt, Instant reportedAt, boolean callerAsserted) {
}
