package dev.voiceplane.app.speech;

import dev.voiceplane.app.speech.offline.OfflineSpeech;
import java.util.Objects;

/**
 * The two engines a voice service speaks through, and a name for logs and metrics.
 *
 * @param name         {@code offline}, {@code azure} or a stand-in's name
 */
public record SpeechEngines(String name, SpeechToText speechToText, TextToSpeech textToSpeech) {

    public SpeechEngines {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(speechToText, "speechToText");
        Objects.requireNonNull(textToSpeech, "textToSpeech");
    }

    /** Sphinx4 and FreeTTS in this JVM: no key, English only, development quality. */
    public static SpeechEngines offline() {
        return new SpeechEngines("offline", OfflineSpeech.speechToText(), OfflineSpeech.textToSpeech());
    }
}
