package dev.voiceplane.app.realtimeprocessor;

import java.time.Instant;

/**
 * A call as realtime-processor keeps it in Redis, so that any replica can resume it after the
 * client reconnects (a replica draining on SIGTERM tells its clients to go away).
 *
 * @param callId       the call
 * @param userId       the user being called
 * @param callerNumber the caller, E.164, or null when withheld
 * @param action       the whitelist's decision: PUT_THROUGH, AI_ANSWER or BLOCK
 * @param reason       why, as smart-whitelist gave it (or {@code whitelist-unavailable})
 * @param degraded     true when the decision is the safe default because smart-whitelist did not answer
 * @param startedAt    when the call started
 */
public record CallState(String callId, String userId, String callerNumber, String action, String reason, boolean degraded,
        Instant startedAt) {

    public static final String AI_ANSWER = "AI_ANSWER";

    public boolean aiHandled() {
        return AI_ANSWER.equals(action);
    }
}
