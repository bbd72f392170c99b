package dev.voiceplane.app.profileanalytics;

/** What kind of unwanted caller a number is, as classified by the analyzer or reported by users. */
public enum SpamCategory {
    NONE,
    TELEMARKETING,
    SCAM,
    ROBOCALL,
    SURVEY,
    OTHER
}
