package dev.voiceplane.app.smartwhitelist;

import dev.voiceplane.app.core.telephony.PhoneNumber;

import dev.voiceplane.app.core.http.Input;
import java.time.Instant;

/**
 * Request body of {@code POST /api/decisions}.
 *
 * @param userId       the user being called
 * @param callerNumber the caller, E.164
 * @param at           when the call arrives; now when absent (time-window rules use it)
 */
public record DecisionRequest(String userId, String callerNumber, Instant at) {

    public DecisionRequest {
        userId = Input.matching("userId", userId, WhitelistRoutes.USER_ID, WhitelistRoutes.USER_ID_EXPECTED);
        callerNumber = PhoneNumber.parse("callerNumber", callerNumber);
    }
}
