package dev.voiceplane.app.conversationengine;

import java.time.Instant;

/**
 * The dialog of one call.
 *
 * @param callId       the call, as realtime-processor names it
 * @param userId       the user being called
 * @param callerNumber the caller, E.164, when known
 * @param state        {@code ACTIVE} or {@code ENDED}
 * @param lastIntent   the latest turn's intent, null before the first turn
 * @param turns        turns so far
 * @param startedAt    when the dialog began
 * @param updatedAt    the latest change
 */
public record Conversation(String callId, String userId, String callerNumber, String state, String lastIntent, int turns,
        Instant startedAt, Instant updatedAt) {

    public static final String ACTIVE = "ACTIVE";
    public static final String ENDED = "ENDED";
}
