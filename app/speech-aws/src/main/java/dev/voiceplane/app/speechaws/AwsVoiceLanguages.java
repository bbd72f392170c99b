package dev.voiceplane.app.speechaws;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which languages BharatVoice can hear and speak on AWS, from the providers' own tables.
 *
 * <p>Amazon Transcribe batch jobs take all ten of BharatVoice's languages in their Indian variants
 * (https://docs.aws.amazon.com/transcribe/latest/dg/supported-languages.html: en-IN, hi-IN, bn-IN,
 * gu-IN, kn-IN, ml-IN, mr-IN, pa-IN, ta-IN, te-IN, all "batch, streaming"). Amazon Polly speaks only
 * two of them (https://docs.aws.amazon.com/polly/latest/dg/available-voices.html): Indian English
 * (Aditi and Raveena standard, Kajal neural) and Hindi (Aditi standard, Kajal neural; both fully
 * bilingual, https://docs.aws.amazon.com/polly/latest/dg/bilingual-voices.html). A voice answer needs
 * both, so the voice languages on AWS are English and Hindi; the rest stay text-only.
 */
public final class AwsVoiceLanguages {

    /** ISO 639-1 code to the Transcribe language code. */
    static final Map<String, String> TRANSCRIBE = Map.of("en", "en-IN", "hi", "hi-IN", "bn", "bn-IN", "gu", "gu-IN", "kn", "kn-IN",
            "ml", "ml-IN", "mr", "mr-IN", "pa", "pa-IN", "ta", "ta-IN", "te", "te-IN");

    /**
     * A Polly voice: its id, engine and language code. Neural wherever the language has a neural voice
     * (Kajal, for both; the neural engine runs in ap-south-1: https://docs.aws.amazon.com/polly/latest/dg/NTTS-main.html).
     */
    public record PollyVoice(String voiceId, String engine, String languageCode) {
    }

    static final Map<String, PollyVoice> POLLY = Map.of(
            "en", new PollyVoice("Kajal", "neural", "en-IN"),
            "hi", new PollyVoice("Kajal", "neural", "hi-IN"));

    private AwsVoiceLanguages() {
    }

    /** The languages both Transcribe and Polly serve: a voice query's whole path. */
    public static Set<String> voiceLanguages() {
        Set<String> both = new TreeSet<>(TRANSCRIBE.keySet());
        both.retainAll(POLLY.keySet());
        return both;
    }

    public static Optional<String> transcribeCode(String language) {
        return Optional.ofNullable(TRANSCRIBE.get(language));
    }

    /** The ISO 639-1 code of a Transcribe language code (hi-IN → hi), or empty for one BharatVoice does not use. */
    public static Optional<String> fromTranscribeCode(String code) {
        return TRANSCRIBE.entrySet().stream().filter(e -> e.getValue().equals(code)).map(Map.Entry::getKey).findFirst();
    }

    public static Optional<PollyVoice> pollyVoice(String language) {
        return Optional.ofNullable(POLLY.get(language));
    }

    /** Why a language cannot be a voice language on AWS, or empty when it can. */
    public static Optional<String> whyNot(String language) {
        if (!TRANSCRIBE.containsKey(language)) {
            return Optional.of(language + ": Amazon Transcribe has no Indian variant of it");
        }
        if (!POLLY.containsKey(language)) {
            return Optional.of(language + ": Amazon Polly has no voice for it (only en-IN and hi-IN among Indian languages)");
        }
        return Optional.empty();
    }
}
