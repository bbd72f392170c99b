package dev.voiceplane.app.realtimeprocessor;

/**
 * One line of a call's transcript, in the shape conversation-analyzer takes.
 *
 * @param speaker {@code CALLER} or {@code ASSISTANT}
 * @param text    what was said
 */
public record Utterance(String speaker, String text) {

    public static Utterance caller(String text) {
        return new Utterance("CALLER", text);
    }

    public static Utterance assistant(String text) {
        return new Utterance("ASSISTANT", text);
    }
}
