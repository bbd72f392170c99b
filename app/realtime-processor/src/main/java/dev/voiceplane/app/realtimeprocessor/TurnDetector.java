package dev.voiceplane.app.realtimeprocessor;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turn detection from the words heard so far: how much silence ends the caller's turn. Words that
 * look complete (a sentence end, or a closing phrase) end it sooner; a trailing conjunction or
 * filler ("and", "umm", "haan") means the caller is still thinking, so it waits longer; otherwise
 * the configured silence. Voice agents in production use the same idea (a short stop, 0.2-0.5 s,
 * when the words are complete, up to a few seconds when not). Also tells a backchannel ("umm",
 * "haan", "okay") from a turn: said while the reply plays, it neither interrupts nor is answered.
 */
final class TurnDetector {

    /** Silence that ends a turn whose words look complete. */
    static final Duration COMPLETE = Duration.ofMillis(300);
    /**
     * Silence that ends a turn whose words look complete without punctuation: at least
     * {@value #LIKELY_WORDS} words, the last not one that says more is coming. Streaming recognizers'
     * partial results carry no punctuation (Azure adds it to the final result only), so this is what
     * a partial that ends a sentence looks like.
     */
    static final Duration LIKELY_COMPLETE = Duration.ofMillis(400);
    static final int LIKELY_WORDS = 3;
    /**
     * Silence after which a reply to complete-looking words is started before the turn has ended
     * (the words then are still checked against the final result; a caller who goes on talking, or
     * words that change, abandon it). Voice agents call it speculative or preemptive generation.
     */
    static final Duration SPECULATE_AFTER = Duration.ofMillis(100);
    /** Silence that ends a turn whose last word says more is coming. */
    static final Duration UNFINISHED = Duration.ofMillis(1_200);
    /** Voiced time before caller speech interrupts a reply: shorter is a backchannel. */
    static final int BARGE_IN_MILLIS = 400;

    private static final Set<String> TRAILING = Set.of("and", "but", "or", "so", "because", "the", "a", "to", "um", "umm", "uh", "er",
            "erm", "hmm", "haan", "matlab", "aur", "ki", "like", "if", "then", "with", "my", "your",
            // prepositions, articles and words a clause cannot end on: a partial without punctuation ending here is unfinished
            "an", "about", "for", "of", "in", "on", "at", "from", "into", "than", "is", "am", "are", "was", "were", "i", "we", "our",
            "that", "which", "who", "their", "his", "her");
    private static final Set<String> BACKCHANNEL = Set.of("um", "umm", "uh", "uh-huh", "mhm", "mm", "hmm", "haan", "ha", "han", "okay", "ok",
            "yeah", "yes", "right", "achha", "accha", "ji");
    private static final Pattern SENTENCE_END = Pattern.compile(".*[.!?\u0964]\\s*$");
    private static final Set<String> CLOSINGS = Set.of("thank you", "thanks", "bye", "goodbye", "that's all", "that is all", "no thanks");

    private TurnDetector() {
    }

    /** The silence that ends the turn when {@code partial} is what has been heard so far (null: nothing yet). */
    static Duration silence(String partial, Duration configured) {
        if (partial == null || partial.isBlank()) {
            return configured;
        }
        String text = partial.trim().toLowerCase(Locale.ROOT);
        String[] words = text.replaceAll("[^\\p{L}\\p{N}' -]", " ").trim().split("\\s+");
        String last = words[words.length - 1];
        if (TRAILING.contains(last)) {
            return UNFINISHED;
        }
        if (SENTENCE_END.matcher(text).matches() || CLOSINGS.stream().anyMatch(text::endsWith)) {
            return COMPLETE;
        }
        return words.length >= LIKELY_WORDS && LIKELY_COMPLETE.compareTo(configured) < 0 ? LIKELY_COMPLETE : configured;
    }

    /** Whether a reply to {@code partial} may be started before the turn ends: its words look complete. */
    static boolean looksComplete(String partial) {
        return partial != null && !partial.isBlank() && silence(partial, UNFINISHED.plusMillis(1)).compareTo(UNFINISHED) < 0;
    }

    /** Whether {@code heard} is only a backchannel: a listener's "umm", "haan", "okay", not a turn. */
    static boolean backchannel(String heard) {
        String[] words = heard.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}' -]", " ").trim().split("\\s+");
        if (words.length == 0 || words.length > 2 || words[0].isEmpty()) {
            return false;
        }
        for (String word : words) {
            if (!BACKCHANNEL.contains(word)) {
                return false;
            }
        }
        return true;
    }
}
