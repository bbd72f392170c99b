package dev.voiceplane.app.realtimeprocessor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.telephony.PhoneNumber;
import java.util.regex.Pattern;

/**
 * The {@code start} frame of voiceplane's call protocol (module README), read and checked against
 * who sent it, before anything is looked up or stored. What a client may claim (issue 10):
 * <ul>
 *   <li>the user: its own, unless its token may act for others (a service or an admin), since the
 *       call's transcript and analysis go to that user;</li>
 *   <li>the caller number: only a telephony provider (a {@code service} token, or this service's own
 *       Twilio and ACS adapters) may assert it, because the number picks the whitelist's decision and
 *       feeds every user's spam scores. A user's frame that names one is refused, not stripped, so the
 *       client learns it is not trusted.</li>
 * </ul>
 *
 * @param userId       the user called; the token's subject when the frame names none
 * @param callerNumber E.164, or null when none was asserted
 * @param format       the audio the client will send, {@link AudioFormat#PCM16} unless it says otherwise
 */
record StartFrame(String callId, String userId, String callerNumber, AudioFormat format) {

    /** Call and user ids: they become Redis keys and URL path segments, so a small safe alphabet. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final String ID_RULE = "1-64 letters, digits, '-' or '_'";

    /** A start frame refused; the client gets an {@code error} frame with this code and message. */
    static final class Refused extends Exception {

        static final String BAD_REQUEST = "bad-request";
        static final String FORBIDDEN = "forbidden";

        private final String code;

        Refused(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        /** {@value #BAD_REQUEST} for a malformed frame, {@value #FORBIDDEN} for a claim the sender may not make. */
        String code() {
            return code;
        }
    }

    /** Reads the start frame {@code frame} that {@code sender} sent; refused with the first problem found. */
    static StartFrame read(JsonNode frame, Principal sender) throws Refused {
        AudioFormat format;
        try {
            format = AudioFormat.of(frame);
        } catch (IllegalArgumentException e) {
            throw new Refused(Refused.BAD_REQUEST, e.getMessage());
        }
        String callId = frame.path("callId").asText("");
        String userId = frame.path("userId").asText(sender.subject());
        if (!ID.matcher(callId).matches() || !ID.matcher(userId).matches()) {
            throw new Refused(Refused.BAD_REQUEST, "field 'callId' and 'userId' must be " + ID_RULE);
        }
        String caller = frame.hasNonNull("callerNumber") ? frame.path("callerNumber").asText() : null;
        if (caller != null && !sender.has(Role.SERVICE)) {
            throw new Refused(Refused.FORBIDDEN, "only a telephony provider may assert 'callerNumber'; leave it out");
        }
        if (caller != null) {
            try {
                caller = PhoneNumber.parse("callerNumber", caller);
            } catch (IllegalArgumentException e) {
                throw new Refused(Refused.BAD_REQUEST, e.getMessage());
            }
        }
        if (!sender.mayActFor(userId)) {
            throw new Refused(Refused.FORBIDDEN, "you may only take your own calls");
        }
        return new StartFrame(callId, userId, caller, format);
    }
}
