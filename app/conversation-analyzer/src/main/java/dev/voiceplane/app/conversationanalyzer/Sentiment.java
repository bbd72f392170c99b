package dev.voiceplane.app.conversationanalyzer;

/** The caller's overall tone. */
public enum Sentiment {
    POSITIVE,
    NEUTRAL,
    NEGATIVE
}
