package dev.voiceplane.app.conversationengine;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rules plus a small scoring model. Each intent has weighted cue phrases; an utterance scores the
 * sum of the cues it contains (whole words only). Two priors join the evidence: the caller's spam
 * score from profile-analytics (a known robocaller is more likely robocalling again) and the
 * previous turn's intent (dialogs tend to stay on topic). The winner's confidence is its share of
 * the total, damped when the total evidence is small, so one weak cue does not look certain.
 */
public final class IntentDetector {

    /** Below this score nothing is claimed: the intent is {@link Intent#UNKNOWN}. */
    static final double MIN_EVIDENCE = 1.0;
    static final double SPAM_PROFILE_WEIGHT = 3.0;
    static final double CONTINUITY_WEIGHT = 0.5;

    private record Cue(Pattern pattern, double weight) {
    }

    private static final Map<Intent, List<Cue>> CUES = new EnumMap<>(Map.of(
            Intent.GREETING, cues(1.5, "hello", "hi", "hey", "good morning", "good afternoon", "good evening", "namaste", "how are you"),
            Intent.SALES_PITCH, cues(2.0, "offer", "discount", "special promotion", "limited time", "free trial", "upgrade your",
                    "insurance", "credit card", "loan", "investment", "subscription", "best price", "deal", "buy", "sale"),
            Intent.APPOINTMENT, cues(2.0, "appointment", "schedule", "reschedule", "booking", "book a", "meeting", "calendar",
                    "available on", "tomorrow at", "next week", "doctor", "dentist", "reservation", "confirm your visit"),
            Intent.SPAM_ROBOCALL, cues(2.5, "press 1", "press one", "this is an automated", "recorded message", "you have won",
                    "congratulations", "prize", "lottery", "final notice", "warranty", "irs", "gift card", "act now",
                    "your account has been", "verify your account"),
            Intent.PERSONAL, cues(2.0, "it's me", "this is your", "mom", "dad", "brother", "sister", "friend", "family",
                    "call me back", "urgent", "emergency", "personal", "remember me", "dinner")));

    private static List<Cue> cues(double weight, String... phrases) {
        return java.util.Arrays.stream(phrases)
                .map(p -> new Cue(Pattern.compile("\\b" + Pattern.quote(p) + "\\b"), weight))
                .toList();
    }

    /**
     * @param text           what the caller said
     * @param spamScore      the caller's spam score (0–1) from profile-analytics, 0 when unknown
     * @param previousIntent the previous turn's intent, or null on the first turn
     */
    public IntentResult detect(String text, double spamScore, Intent previousIntent) {
        String normalized = text.toLowerCase(Locale.ROOT).replace('’', '\'');
        Map<Intent, Double> scores = new EnumMap<>(Intent.class);
        CUES.forEach((intent, cues) -> {
            double score = 0;
            for (Cue cue : cues) {
                if (cue.pattern().matcher(normalized).find()) {
                    score += cue.weight();
                }
            }
            if (score > 0) {
                scores.put(intent, score);
            }
        });
        if (spamScore > 0 && !scores.isEmpty()) {
            scores.merge(Intent.SPAM_ROBOCALL, SPAM_PROFILE_WEIGHT * spamScore, Double::sum);
        }
        if (previousIntent != null && previousIntent != Intent.UNKNOWN && scores.containsKey(previousIntent)) {
            scores.merge(previousIntent, CONTINUITY_WEIGHT, Double::sum);
        }
        Map.Entry<Intent, Double> best = scores.entrySet().stream().max(Map.Entry.comparingByValue()).orElse(null);
        if (best == null || best.getValue() < MIN_EVIDENCE) {
            // Spam profile alone: a known robocaller who said nothing recognisable is still suspicious.
            if (spamScore >= 0.8) {
                return new IntentResult(Intent.SPAM_ROBOCALL, round(0.5 * spamScore), Map.of(Intent.SPAM_ROBOCALL, SPAM_PROFILE_WEIGHT * spamScore));
            }
            return new IntentResult(Intent.UNKNOWN, 0, scores);
        }
        double total = scores.values().stream().mapToDouble(Double::doubleValue).sum();
        double share = best.getValue() / total;
        double damping = 1 - Math.exp(-best.getValue() / 2);
        return new IntentResult(best.getKey(), round(share * damping), scores);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
