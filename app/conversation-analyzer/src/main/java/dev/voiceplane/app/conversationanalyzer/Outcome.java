package dev.voiceplane.app.conversationanalyzer;

/** How the call ended for the user; profile-analytics' call outcomes. */
public enum Outcome {
    PUT_THROUGH,
    AI_HANDLED,
    BLOCKED,
    MISSED
}
