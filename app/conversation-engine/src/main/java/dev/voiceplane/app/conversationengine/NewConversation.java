package dev.voiceplane.app.conversationengine;

import dev.voiceplane.app.core.http.Input;
import dev.voiceplane.app.core.telephony.PhoneNumber;

/**
 * Body of {@code POST /api/conversations}.
 *
 * @param callId       the call's id
 * @param userId       the user being called
 * @param callerNumber the caller, E.164; optional (withheld numbers)
 */
public record NewConversation(String callId, String userId, String callerNumber) {

    public NewConversation {
        Input.matching("callId", callId, Ids.ID, Ids.ID_EXPECTED);
        Input.matching("userId", userId, Ids.ID, Ids.ID_EXPECTED);
        if (callerNumber != null) {
            callerNumber = PhoneNumber.parse("callerNumber", callerNumber);
        }
    }
}
