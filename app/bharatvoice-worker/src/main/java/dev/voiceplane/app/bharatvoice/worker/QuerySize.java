package dev.voiceplane.app.bharatvoice.worker;

import java.util.Locale;

/**
 * The guide's two latency classes ("95th percentile < 2s for simple queries", "< 5s for complex
 * multilingual queries"): a short question, up to {@link #SIMPLE_SECONDS} of speech and
 * {@link #SIMPLE_WORDS} words, is simple; anything longer is complex.
 */
public enum QuerySize {
    SIMPLE, COMPLEX;

    static final double SIMPLE_SECONDS = 5.0;
    static final int SIMPLE_WORDS = 12;

    /** @param seconds the recording's length, negative when its container does not say (not WAV) */
    public static QuerySize of(double seconds, String transcript) {
        int words = transcript.isBlank() ? 0 : transcript.trim().split("\\s+").length;
        return seconds > SIMPLE_SECONDS || words > SIMPLE_WORDS ? COMPLEX : SIMPLE;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
