package dev.voiceplane.app.azurespeech;

import java.util.Objects;

/**
 * What speech-to-text made of one utterance.
 *
 * @param status     Azure's RecognitionStatus
 * @param text       the display text (punctuated, capitalised); empty unless {@code status} is SUCCESS
 * @param confidence 0..1 from the detailed format's best alternative; 1 when Azure gave none
 */
public record Recognition(RecognitionStatus status, String text, double confidence) {

    public Recognition {
        Objects.requireNonNull(status, "status");
        text = text == null ? "" : text.trim();
    }

    /** Whether there is something the caller said to answer. */
    public boolean heard() {
        return status == RecognitionStatus.SUCCESS && !text.isEmpty();
    }
}
