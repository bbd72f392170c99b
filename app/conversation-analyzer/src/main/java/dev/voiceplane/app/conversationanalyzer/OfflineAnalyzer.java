package dev.voiceplane.app.conversationanalyzer;

import dev.voiceplane.app.core.telephony.SpamCategory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Analyses a transcript without any cloud service:
 * <ul>
 *   <li>sentiment from a small lexicon of the caller's words: (positive − negative) / (positive + negative + 1);</li>
 *   <li>category from cue phrases (robocall, scam, telemarketing, survey), the strongest wins, NONE without cues;</li>
 *   <li>summary from the caller's first substantive utterance and how the assistant closed;</li>
 *   <li>quality from how the assistant kept up: it answered each caller turn, did not repeat itself,
 *       and the call did not end on a hostile note.</li>
 * </ul>
 */
public final class OfflineAnalyzer implements TranscriptAnalyzer {

    public static final String NAME = "offline";
    static final int SUMMARY_QUOTE = 160;

    private static final Set<String> POSITIVE = Set.of("thanks", "thank", "great", "good", "perfect", "wonderful", "happy",
            "appreciate", "lovely", "nice", "excellent", "yes", "sure", "glad", "pleasure");
    private static final Set<String> NEGATIVE = Set.of("angry", "annoying", "annoyed", "stop", "bad", "terrible", "hate",
            "stupid", "never", "complaint", "scam", "ridiculous", "upset", "worst", "useless", "rude");

    private static final Map<SpamCategory, List<Pattern>> CUES = new LinkedHashMap<>();

    static {
        CUES.put(SpamCategory.ROBOCALL, cues("press 1", "press one", "this is an automated", "recorded message", "automated call"));
        CUES.put(SpamCategory.SCAM, cues("gift card", "you have won", "prize", "lottery", "verify your account", "irs", "warranty",
                "bank details", "wire transfer", "final notice"));
        CUES.put(SpamCategory.TELEMARKETING, cues("offer", "discount", "promotion", "insurance", "deal", "subscription",
                "free trial", "upgrade", "special price", "loan"));
        CUES.put(SpamCategory.SURVEY, cues("survey", "questionnaire", "a few questions", "rate our", "feedback"));
    }

    private static List<Pattern> cues(String... phrases) {
        return java.util.Arrays.stream(phrases).map(p -> Pattern.compile("\\b" + Pattern.quote(p) + "\\b")).toList();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Findings analyze(List<Utterance> transcript) {
        List<String> caller = transcript.stream().filter(u -> u.speaker() == Utterance.Speaker.CALLER)
                .map(u -> u.text().toLowerCase(Locale.ROOT)).toList();
        String callerText = String.join(" ", caller);
        double sentimentScore = sentiment(callerText);
        Sentiment sentiment = sentimentScore > 0.2 ? Sentiment.POSITIVE : sentimentScore < -0.2 ? Sentiment.NEGATIVE : Sentiment.NEUTRAL;
        SpamCategory category = category(callerText);
        return new Findings(summary(transcript, category), sentiment, round(sentimentScore), category, round(quality(transcript, sentiment)));
    }

    static double sentiment(String text) {
        int positive = 0;
        int negative = 0;
        for (String word : text.split("[^\\p{L}']+")) {
            if (POSITIVE.contains(word)) {
                positive++;
            } else if (NEGATIVE.contains(word)) {
                negative++;
            }
        }
        return (positive - negative) / (double) (positive + negative + 1);
    }

    static SpamCategory category(String text) {
        SpamCategory best = SpamCategory.NONE;
        long bestHits = 0;
        for (Map.Entry<SpamCategory, List<Pattern>> entry : CUES.entrySet()) {
            long hits = entry.getValue().stream().filter(p -> p.matcher(text).find()).count();
            if (hits > bestHits) {
                best = entry.getKey();
                bestHits = hits;
            }
        }
        return best;
    }

    static String summary(List<Utterance> transcript, SpamCategory category) {
        String opening = transcript.stream().filter(u -> u.speaker() == Utterance.Speaker.CALLER)
                .map(Utterance::text).filter(t -> t.split("\\s+").length >= 4).findFirst()
                .or(() -> transcript.stream().filter(u -> u.speaker() == Utterance.Speaker.CALLER).map(Utterance::text).findFirst())
                .orElse("(the caller said nothing)");
        String quote = opening.length() <= SUMMARY_QUOTE ? opening : opening.substring(0, SUMMARY_QUOTE) + "...";
        String kind = switch (category) {
            case NONE -> "Call";
            case OTHER -> "Unwanted call";
            default -> category.name().charAt(0) + category.name().substring(1).toLowerCase(Locale.ROOT) + " call";
        };
        long callerTurns = transcript.stream().filter(u -> u.speaker() == Utterance.Speaker.CALLER).count();
        return kind + " of " + callerTurns + " caller turn" + (callerTurns == 1 ? "" : "s") + ". The caller said: \"" + quote + "\"";
    }

    static double quality(List<Utterance> transcript, Sentiment sentiment) {
        long callerTurns = transcript.stream().filter(u -> u.speaker() == Utterance.Speaker.CALLER).count();
        List<String> replies = transcript.stream().filter(u -> u.speaker() == Utterance.Speaker.ASSISTANT)
                .map(u -> u.text().trim().toLowerCase(Locale.ROOT)).toList();
        if (replies.isEmpty()) {
            return 0;
        }
        double answered = callerTurns == 0 ? 1 : Math.min(1, replies.size() / (double) callerTurns);
        double varied = replies.stream().distinct().count() / (double) replies.size();
        double tone = sentiment == Sentiment.NEGATIVE ? 0.5 : 1;
        return 0.5 * answered + 0.3 * varied + 0.2 * tone;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
