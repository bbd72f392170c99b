package dev.voiceplane.app.conversationanalyzer;

import dev.voiceplane.app.core.http.Input;

/**
 * One line of a call transcript.
 *
 * @param speaker {@code CALLER} or {@code ASSISTANT}
 * @param text    what was said
 */
public record Utterance(Speaker speaker, String text) {

    public static final int MAX_TEXT = 2_000;

    /** Who spoke. */
    public enum Speaker {
        CALLER,
        ASSISTANT
    }

    public Utterance {
        Input.require(speaker != null, "field 'transcript[].speaker' is required: CALLER or ASSISTANT");
        text = Input.text("transcript[].text", text, MAX_TEXT);
    }
}
