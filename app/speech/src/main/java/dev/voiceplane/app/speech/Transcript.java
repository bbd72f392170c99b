package dev.voiceplane.app.speech;

import java.util.Objects;

/**
 * What a recording said, and in which language.
 *
 * @param text       the words heard, empty when nothing was understood
 * @param language   ISO 639-1 code of the language heard (or the one the caller named)
 * @param confidence how sure the provider is of that language, 0–1 (1 when it was given, not detected)
 */
public record Transcript(String text, String language, double confidence) {

    public Transcript {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(language, "language");
        if (confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence " + confidence + " is not between 0 and 1");
        }
    }
}
