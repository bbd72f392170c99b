package dev.voiceplane.app.smartwhitelist;

/** What happens to an incoming call. */
public enum CallAction {
    /** Ring the user's phone. */
    PUT_THROUGH,
    /** Let the AI assistant answer and screen the caller. */
    AI_ANSWER,
    /** Reject the call. */
    BLOCK
}
