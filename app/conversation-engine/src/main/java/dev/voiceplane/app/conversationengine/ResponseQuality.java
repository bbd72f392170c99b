package dev.voiceplane.app.conversationengine;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Scores a reply from 0 to 1, the figure behind the "AI response quality &lt; 0.7" alert. Four
 * observable properties, weighted:
 * <ul>
 *   <li>length (25 %): a spoken reply of 4–60 words; empty scores 0 overall;</li>
 *   <li>relevance (50 %): it speaks to the detected intent (e.g. an appointment reply asks for or
 *       confirms a time); a fluent reply beside the point must fall below the 0.7 threshold;</li>
 *   <li>novelty (15 %): it does not repeat the previous reply word for word;</li>
 *   <li>certainty (10 %): the intent it answers was detected with confidence.</li>
 * </ul>
 */
public final class ResponseQuality {

    private static final Map<Intent, Pattern> RELEVANT = Map.of(
            Intent.GREETING, words("hello|hi|help|welcome|calling|about"),
            Intent.SALES_PITCH, words("not interested|no thank|remove|do not call|interest"),
            Intent.APPOINTMENT, words("appointment|schedule|date|time|calendar|confirm"),
            Intent.SPAM_ROBOCALL, words("automated|remove|do not call|not accept|goodbye"),
            Intent.PERSONAL, words("message|call back|call you back|pass|who"),
            Intent.UNKNOWN, words("sorry|could you|what|why|repeat"));

    private static Pattern words(String alternatives) {
        return Pattern.compile("\\b(" + alternatives + ")\\b");
    }

    public double score(DialogPrompt prompt, String reply) {
        if (reply == null || reply.isBlank()) {
            return 0;
        }
        int words = reply.trim().split("\\s+").length;
        double length = words < 4 ? words / 4.0 : words <= 60 ? 1.0 : Math.max(0, 1 - (words - 60) / 60.0);
        Intent intent = prompt.intent().intent();
        String lower = reply.toLowerCase(Locale.ROOT);
        double relevance = RELEVANT.get(intent).matcher(lower).find() ? 1.0 : 0.2;
        double novelty = prompt.lastReply().filter(last -> last.equalsIgnoreCase(reply.trim())).isPresent() ? 0 : 1.0;
        double certainty = intent == Intent.UNKNOWN ? 0.5 : Math.min(1, 0.5 + prompt.intent().confidence());
        double score = 0.25 * length + 0.50 * relevance + 0.15 * novelty + 0.10 * certainty;
        return Math.round(score * 1000) / 1000.0;
    }
}
