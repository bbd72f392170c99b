package dev.voiceplane.app.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts text into the sentences a synthesizer speaks one at a time, and finds the complete sentences
 * in a stream of model tokens (the rest waits for more tokens).
 */
public final class Sentences {

    /** A sentence ends at ., !, ? or the Devanagari danda, followed by space or the end. */
    private static final Pattern END = Pattern.compile("[.!?\u0964]+(?=\\s|$)");

    private Sentences() {
    }

    public static List<String> of(String text) {
        List<String> sentences = new ArrayList<>();
        String rest = split(text, sentences);
        if (!rest.isBlank()) {
            sentences.add(rest.trim());
        }
        return sentences;
    }

    /** Adds the complete sentences of {@code text} to {@code sentences} and returns what follows the last one. */
    public static String split(String text, List<String> sentences) {
        Matcher end = END.matcher(text);
        int from = 0;
        while (end.find()) {
            String sentence = text.substring(from, end.end()).trim();
            if (!sentence.isEmpty()) {
                sentences.add(sentence);
            }
            from = end.end();
        }
        return text.substring(from);
    }
}
