package dev.voiceplane.app.profileanalytics;

import dev.voiceplane.app.core.http.Input;
import dev.voiceplane.app.core.telephony.PhoneNumber;
import dev.voiceplane.app.core.telephony.SpamCategory;

/** A user's report that a caller is unwanted, the body of {@code POST /api/spam-reports}. */
public record SpamReport(String callerNumber, SpamCategory category) {

    public SpamReport {
        callerNumber = PhoneNumber.parse("callerNumber", callerNumber);
        Input.require(category != null && category != SpamCategory.NONE,
                "field 'category' is required: TELEMARKETING, SCAM, ROBOCALL, SURVEY or OTHER");
    }
}
