package dev.voiceplane.app.conversationengine;

import java.util.List;
import java.util.Optional;

/**
 * Everything a {@link ResponseProvider} may use to answer one caller utterance.
 *
 * @param callerText what the caller just said
 * @param intent     its detected intent
 * @param history    earlier turns of this call, oldest first (at most {@link ConversationStore#HISTORY_TURNS})
 * @param profile    the caller's profile from profile-analytics, when known and reachable
 */
public record DialogPrompt(String callerText, IntentResult intent, List<DialogTurn> history, Optional<CallerProfile> profile) {

    public DialogPrompt {
        history = List.copyOf(history);
    }

    /** The previous reply, to avoid answering the same twice. */
    public Optional<String> lastReply() {
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1).reply());
    }

    public boolean knownSpammer() {
        return profile.map(p -> p.spamScore() >= 0.7).orElse(false);
    }
}
