package dev.voiceplane.app.smartwhitelist;

/**
 * The answer for one incoming call.
 *
 * @param action        what to do with the call
 * @param reason        why: {@code blocklist}, {@code rule}, {@code allowlist}, {@code spam-profile},
 *                      {@code unknown-caller}, {@code screened}
 * @param ruleId        the rule that decided, when {@code reason} is {@code rule}
 * @param spamScore     the caller's spam score when a profile was found
 * @param profileSource where the profile came from (see {@link ProfileLookup#source()})
 * @param degraded      true when profile-analytics could not be asked and the safe default applied
 */
public record Decision(CallAction action, String reason, Long ruleId, Double spamScore, String profileSource, boolean degraded) {
}
