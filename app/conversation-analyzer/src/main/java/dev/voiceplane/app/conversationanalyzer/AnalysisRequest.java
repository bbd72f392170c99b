package dev.voiceplane.app.conversationanalyzer;

import dev.voiceplane.app.core.http.Input;
import dev.voiceplane.app.core.telephony.PhoneNumber;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Body of {@code POST /api/analyses}: a finished call and its transcript.
 *
 * @param callId          the call's id
 * @param userId          the user who was called
 * @param callerNumber    the caller, E.164; optional (withheld numbers are analysed but not reported)
 * @param startedAt       when the call began; now when absent
 * @param durationSeconds how long it lasted; 0 when absent
 * @param outcome         how it ended; {@code AI_HANDLED} when absent (the analyzer sees AI-handled calls)
 * @param transcript      what was said, in order; 1–500 utterances
 * @param callerAsserted  whether a telephony provider asserted {@code callerNumber}; believed only
 *                        from a service (realtime-processor sets it for provider calls); false when absent
 */
public record AnalysisRequest(String callId, String userId, String callerNumber, Instant startedAt, Integer durationSeconds,
        Outcome outcome, List<Utterance> transcript, Boolean callerAsserted) {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final String ID_EXPECTED = "1-64 letters, digits, '-' or '_'";
    static final int MAX_UTTERANCES = 500;

    public AnalysisRequest {
        Input.matching("callId", callId, ID, ID_EXPECTED);
        Input.matching("userId", userId, ID, ID_EXPECTED);
        if (callerNumber != null) {
            callerNumber = PhoneNumber.parse("callerNumber", callerNumber);
        }
        Input.require(durationSeconds == null || (durationSeconds >= 0 && durationSeconds <= 86_400),
                "field 'durationSeconds' must be between 0 and 86400");
        Input.require(transcript != null && !transcript.isEmpty(), "field 'transcript' is required: at least one utterance");
        Input.require(transcript.size() <= MAX_UTTERANCES, "field 'transcript' must have at most " + MAX_UTTERANCES + " utterances");
        transcript = List.copyOf(transcript);
        outcome = outcome == null ? Outcome.AI_HANDLED : outcome;
        durationSeconds = durationSeconds == null ? 0 : durationSeconds;
        callerAsserted = Boolean.TRUE.equals(callerAsserted) && callerNumber != null;
    }

    /** The same request with the caller number marked as nobody's assertion. */
    AnalysisRequest unasserted() {
        return new AnalysisRequest(callId, userId, callerNumber, startedAt, durationSeconds, outcome, transcript, false);
    }
}
