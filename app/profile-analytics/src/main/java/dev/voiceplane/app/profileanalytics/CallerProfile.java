package dev.voiceplane.app.profileanalytics;

import dev.voiceplane.app.core.telephony.SpamCategory;
import java.time.Instant;
import java.util.Map;

/**
 * Everything known about one caller across all users.
 *
 * @param number          the caller, E.164
 * @param totalCalls      calls recorded from the number
 * @param distinctUsers   how many different users it called
 * @param callsLast24h    calls in the last 24 hours
 * @param lastCallAt      start of the latest call
 * @param outcomes        calls per outcome
 * @param spamReports     users who reported it
 * @param spamCategory    the most frequent category among classified calls and reports, NONE if none
 * @param spamScore       0 (clean) to 1 (certain spam), see {@link SpamScore}
 */
public record CallerProfile(String number, long totalCalls, long distinctUsers, long callsLast24h, Instant lastCallAt,
        Map<CallOutcome, Long> outcomes, long spamReports, SpamCategory spamCategory, double spamScore) {
}
