package dev.voiceplane.app.conversationengine;

import java.util.List;
import java.util.Map;

/**
 * Answers without any cloud service: a few phrasings per intent, personalised with the caller's
 * profile (a known spammer is turned away at once, a frequent caller is welcomed back), and never
 * the same phrasing twice in a row. The default provider, and the fallback when Azure OpenAI fails.
 */
public final class OfflineResponseProvider implements ResponseProvider {

    public static final String NAME = "offline";

    private static final Map<Intent, List<String>> REPLIES = Map.of(
            Intent.GREETING, List.of(
                    "Hello, you have reached the assistant. How can I help you today?",
                    "Hi there. I am answering on behalf of the person you called. What is this about?"),
            Intent.SALES_PITCH, List.of(
                    "Thank you, but we are not interested in this offer. Please remove this number from your list.",
                    "We are not interested in sales offers, thank you. Please do not call this number again."),
            Intent.APPOINTMENT, List.of(
                    "I can note the appointment. Which date and time would you like to schedule?",
                    "Thanks. I will pass the appointment details on; could you confirm the date and time?"),
            Intent.SPAM_ROBOCALL, List.of(
                    "This number does not accept automated calls. Please remove it from your list. Goodbye.",
                    "Automated calls are not accepted here. Please do not call again. Goodbye."),
            Intent.PERSONAL, List.of(
                    "I will pass your message on right away. Who should I say is calling, and how can they call you back?",
                    "Thanks for calling. I will make sure your message gets through; is there a number to call you back on?"),
            Intent.UNKNOWN, List.of(
                    "Sorry, I did not catch that. Could you tell me what your call is about?",
                    "Could you say briefly why you are calling, so I can pass it on?"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String reply(DialogPrompt prompt) {
        Intent intent = prompt.intent().intent();
        if (prompt.knownSpammer() && intent != Intent.PERSONAL && intent != Intent.APPOINTMENT) {
            intent = Intent.SPAM_ROBOCALL;
        }
        List<String> options = REPLIES.get(intent);
        String reply = options.get(prompt.history().size() % options.size());
        if (prompt.lastReply().filter(reply::equals).isPresent()) {
            reply = options.get((prompt.history().size() + 1) % options.size());
        }
        boolean regular = prompt.profile().map(p -> p.totalCalls() >= 5 && p.spamScore() < 0.3).orElse(false);
        if (regular && prompt.history().isEmpty() && intent == Intent.GREETING) {
            reply = "Welcome back. " + reply;
        }
        return reply;
    }
}
