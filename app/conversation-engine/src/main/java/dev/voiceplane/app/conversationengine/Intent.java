package dev.voiceplane.app.conversationengine;

/** What a caller wants, as far as the engine can tell from what they said. */
public enum Intent {
    GREETING,
    SALES_PITCH,
    APPOINTMENT,
    SPAM_ROBOCALL,
    PERSONAL,
    UNKNOWN
}
