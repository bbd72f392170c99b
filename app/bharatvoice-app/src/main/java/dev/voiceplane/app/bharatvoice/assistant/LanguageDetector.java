package dev.voiceplane.app.bharatvoice.assistant;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Language from script: count the letters in each Unicode script block (Unicode 15, chapter 12
 * "South and Central Asia-I") and take the dominant one. Each Indic script maps to one language
 * here, except Devanagari, shared by Hindi and Marathi: common function words and the letter ळ
 * (frequent in Marathi, absent from standard Hindi) decide, Hindi when nothing does.
 */
public final class LanguageDetector {

    enum Script {
        LATIN("Latin", "en"),
        DEVANAGARI("Devanagari", "hi"),
        BENGALI("Bengali", "bn"),
        GURMUKHI("Gurmukhi", "pa"),
        GUJARATI("Gujarati", "gu"),
        TAMIL("Tamil", "ta"),
        TELUGU("Telugu", "te"),
        KANNADA("Kannada", "kn"),
        MALAYALAM("Malayalam", "ml");

        final String displayName;
        final String language;

        Script(String displayName, String language) {
            this.displayName = displayName;
            this.language = language;
        }

        static Script of(int codePoint) {
            if (codePoint >= 0x0900 && codePoint <= 0x097F) {
                return DEVANAGARI;
            }
            if (codePoint >= 0x0980 && codePoint <= 0x09FF) {
                return BENGALI;
            }
            if (codePoint >= 0x0A00 && codePoint <= 0x0A7F) {
                return GURMUKHI;
            }
            if (codePoint >= 0x0A80 && codePoint <= 0x0AFF) {
                return GUJARATI;
            }
            if (codePoint >= 0x0B80 && codePoint <= 0x0BFF) {
                return TAMIL;
            }
            if (codePoint >= 0x0C00 && codePoint <= 0x0C7F) {
                return TELUGU;
            }
            if (codePoint >= 0x0C80 && codePoint <= 0x0CFF) {
                return KANNADA;
            }
            if (codePoint >= 0x0D00 && codePoint <= 0x0D7F) {
                return MALAYALAM;
            }
            if (Character.isLetter(codePoint) && Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.LATIN) {
                return LATIN;
            }
            return null;
        }
    }

    private static final Set<String> MARATHI_WORDS = Set.of("आहे", "आहेत", "आणि", "मला", "माझे", "माझा", "माझी", "तुम्ही",
            "काय", "कसे", "कुठे", "नाही", "हवामान", "मदत", "करा");
    private static final Set<String> HINDI_WORDS = Set.of("है", "हैं", "और", "मुझे", "मेरा", "मेरी", "आप", "क्या", "कैसे",
            "कहाँ", "नहीं", "में", "का", "की", "के", "करें", "मौसम");

    /** The text's language; {@code en} with confidence 0 when it has no letters at all. */
    public Detection detect(String text) {
        Map<Script, Integer> counts = new EnumMap<>(Script.class);
        int letters = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            Script script = Script.of(codePoint);
            if (script != null) {
                counts.merge(script, 1, Integer::sum);
                letters++;
            }
        }
        if (letters == 0) {
            return new Detection("en", Script.LATIN.displayName, 0);
        }
        Map.Entry<Script, Integer> dominant = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        double share = round(dominant.getValue() / (double) letters);
        if (dominant.getKey() != Script.DEVANAGARI) {
            return new Detection(dominant.getKey().language, dominant.getKey().displayName, share);
        }
        return devanagari(text, share);
    }

    private static Detection devanagari(String text, double share) {
        int marathi = text.contains("ळ") ? 2 : 0;
        int hindi = 0;
        for (String word : text.toLowerCase(Locale.ROOT).split("[\\s\\p{Punct}।॥?!]+")) {
            if (MARATHI_WORDS.contains(word)) {
                marathi++;
            }
            if (HINDI_WORDS.contains(word)) {
                hindi++;
            }
        }
        String language = marathi > hindi ? "mr" : "hi";
        double margin = (Math.abs(marathi - hindi) + 1.0) / (marathi + hindi + 2.0);
        return new Detection(language, Script.DEVANAGARI.displayName, round(share * (0.5 + 0.5 * margin)));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
