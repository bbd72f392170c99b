package dev.voiceplane.app.profileanalytics;

/** How a call ended for the user. */
public enum CallOutcome {
    /** The user's phone rang and they took it. */
    PUT_THROUGH,
    /** The AI assistant answered and handled it. */
    AI_HANDLED,
    /** Rejected by the whitelist. */
    BLOCKED,
    /** Rang through but was not answered. */
    MISSED
}
