package dev.voiceplane.app.core.telephony;

/**
 * What kind of unwanted caller a number is: the category conversation-analyzer finds in a call and
 * reports as is, and profile-analytics keeps per number. One type for both ends, so a category the
 * analyzer can find is always one profile-analytics accepts. {@code NONE} is a legitimate call.
 */
public enum SpamCategory {
    NONE,
    TELEMARKETING,
    SCAM,
    ROBOCALL,
    SURVEY,
    OTHER
}
