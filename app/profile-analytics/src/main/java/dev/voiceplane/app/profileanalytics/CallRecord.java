package dev.voiceplane.app.profileanalytics;

import dev.voiceplane.app.core.http.Input;
import dev.voiceplane.app.core.telephony.PhoneNumber;
import dev.voiceplane.app.core.telephony.SpamCategory;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A finished call, the body of {@code POST /api/calls}. Posting the same {@code callId} again is
 * acknowledged without counting the call twice, so a caller may retry safely.
 *
 * @param callerAsserted whether a telephony provider asserted {@code callerNumber} (not a client's
 *                       say-so); only such calls build caller profiles. Believed only from a
 *                       service; false when absent.
 */
public record CallRecord(String callId, String userId, String callerNumber, Instant startedAt, Integer durationSeconds,
        CallOutcome outcome, SpamCategory spamCategory, Boolean callerAsserted) {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final String ID_EXPECTED = "1-64 letters, digits, '-' or '_'";

    public CallRecord {
        callId = Input.matching("callId", callId, ID, ID_EXPECTED);
        userId = Input.matching("userId", userId, ID, ID_EXPECTED);
        callerNumber = PhoneNumber.parse("callerNumber", callerNumber);
        Input.require(startedAt != null, "field 'startedAt' is required (ISO-8601 instant)");
        Input.require(durationSeconds != null && durationSeconds >= 0 && durationSeconds <= 86_400,
                "field 'durationSeconds' must be between 0 and 86400");
        Input.require(outcome != null, "field 'outcome' is required: PUT_THROUGH, AI_HANDLED, BLOCKED or MISSED");
        spamCategory = spamCategory == null ? SpamCategory.NONE : spamCategory;
        callerAsserted = Boolean.TRUE.equals(callerAsserted);
    }

    /** The same call with its number marked as nobody's assertion (posted by someone who is not a telephony path). */
    CallRecord unasserted() {
        return new CallRecord(callId, userId, callerNumber, startedAt, durationSeconds, outcome, spamCategory, false);
    }
}
