package dev.voiceplane.app.conversationengine;

import io.javalin.http.ConflictResponse;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Optional;

/**
 * One turn of a dialog: read the call's recent history and the caller's profile, detect the intent,
 * generate and score the reply, record the turn, answer.
 */
public final class DialogEngine {

    /** An automated call detected this surely is turned away: the reply says goodbye and asks to end the call. */
    static final double END_CALL_CONFIDENCE = 0.6;

    private final ConversationStore store;
    private final CallerProfiles profiles;
    private final IntentDetector detector;
    private final ResponseGenerator generator;

    public DialogEngine(ConversationStore store, CallerProfiles profiles, IntentDetector detector, ResponseGenerator generator) {
        this.store = store;
        this.profiles = profiles;
        this.detector = detector;
        this.generator = generator;
    }

    public TurnReply turn(Conversation conversation, String callerText) {
        return turn(conversation, callerText, null);
    }

    /**
     * A turn whose reply is given to {@code delta} as it is generated (null: not streamed). The turn
     * is recorded once the reply is complete; a listener that goes away before that (its exception is
     * rethrown) leaves no turn behind, so an abandoned reply is not in the dialog's history.
     */
    public TurnReply turn(Conversation conversation, String callerText, java.util.function.Consumer<String> delta) {
        if (Conversation.ENDED.equals(conversation.state())) {
            throw new ConflictResponse("conversation " + conversation.callId() + " has ended");
        }
        List<DialogTurn> history = store.history(conversation.callId());
        Optional<CallerProfile> profile = profiles.find(conversation.callerNumber());
        Intent previous = history.isEmpty() ? null : history.get(history.size() - 1).intent();
        IntentResult intent = detector.detect(callerText, profile.map(CallerProfile::spamScore).orElse(0.0), previous);
        DialogPrompt prompt = new DialogPrompt(callerText, intent, history, profile);
        ResponseGenerator.Generated generated = generator.generate(prompt, delta);
        int seq = store.append(conversation.callId(), callerText, intent, generated);
        boolean endCall = intent.intent() == Intent.SPAM_ROBOCALL && intent.confidence() >= END_CALL_CONFIDENCE;
        return new TurnReply(conversation.callId(), seq, intent.intent(), intent.confidence(), generated.reply(), generated.provider(),
                generated.quality(), endCall);
    }

    public Conversation require(String callId) {
        return store.find(callId).orElseThrow(() -> new NotFoundResponse("no conversation for call " + callId
                + "; start it with POST /api/conversations"));
    }
}
