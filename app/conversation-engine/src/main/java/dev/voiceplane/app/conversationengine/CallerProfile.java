package dev.voiceplane.app.conversationengine;

/**
 * What the engine uses of profile-analytics' caller profile (other fields are ignored).
 *
 * @param number       the caller, E.164
 * @param spamScore    0 (clean) to 1 (certain spam)
 * @param spamCategory NONE, TELEMARKETING, SCAM, ROBOCALL, ...
 * @param totalCalls   calls seen from this number
 */
public record CallerProfile(String number, double spamScore, String spamCategory, long totalCalls) {
}
