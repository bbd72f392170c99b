package dev.voiceplane.app.conversationanalyzer;

/**
 * What kind of call it was. The values are profile-analytics' spam categories, so the category is
 * reported as is; {@code NONE} is a legitimate call.
 */
public enum CallCategory {
    NONE,
    TELEMARKETING,
    SCAM,
    ROBOCALL,
    SURVEY,
    OTHER
}
