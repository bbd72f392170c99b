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
 * @param callsLast24h    calls in the last 24 hours; null for a user (when others were called is theirs)
 * @param lastCallAt      start of the latest call; for a user, of the latest call to them (null if none)
 * @param outcomes        calls per outcome
 * @param spamReports     users who reported it after it called them
 * @param spamCategory    the most frequent category among classified calls and reports, NONE if none
 * @param spamScore       0 (clean) to 1 (certain spam), see {@link SpamScore}
 */
public record CallerProfile(String number, long totalCalls, long distinctUsers, Long callsLast24h, Instant lastCallAt,
        Map<CallOutcome, Long> outcomes, long spamReports, SpamCategory spamCategory, double spamScore) {

    /**
     * What an end user may see: the number's reputation, but not when it called other people
     * (that is their call history, not the viewer's). {@code lastCallAt} becomes the viewer's own.
     */
    CallerProfile forUser(Instant viewersLastCall) {
        return new CallerProfile(number, totalCalls, distinctUsers, null, viewersLastCall, outcomes, spamReports, spamCategory, spamScore);
    }
}
