package dev.voiceplane.app.realtimeprocessor;

import dev.voiceplane.app.speech.Sentences;
import dev.voiceplane.app.speech.SpeechEngines;
import dev.voiceplane.app.speech.SpeechFormat;
import dev.voiceplane.app.speech.SpeechToText;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Locale;

/** The offline engines as a test's mouth and ears: a caller's speech made by FreeTTS, reply audio heard by Sphinx4. */
final class OfflineVoices {

    /**
     * Only a guard against a hang: the offline engines are CPU-bound (Sphinx4 loads its acoustic model on
     * first use, 20+ s on a busy 2-core machine), so a wall-clock bound must leave room for a loaded machine.
     */
    static final Duration GENEROUS = Duration.ofMinutes(5);

    private OfflineVoices() {
    }

    /** {@code text} spoken as the service speaks it: sentence by sentence, in {@code format}. */
    static byte[] speech(String text, SpeechFormat format) {
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        for (String sentence : Sentences.of(text)) {
            SpeechEngines.offline().textToSpeech().speak(sentence, format, (bytes, offset, length) -> {
                audio.write(bytes, offset, length);
                return true;
            }, GENEROUS);
        }
        return audio.toByteArray();
    }

    /** A caller saying {@code text} and then keeping quiet for a second (16 kHz PCM). */
    static byte[] caller(String text) {
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        audio.writeBytes(speech(text, SpeechFormat.PCM_16K));
        audio.writeBytes(new byte[32_000]);
        return audio.toByteArray();
    }

    /** What Sphinx4 hears in {@code pcm16k}, lower case. */
    static String recognise(byte[] pcm16k) {
        SpeechToText.Recognition recognition = SpeechEngines.offline().speechToText().start(words -> { });
        recognition.accept(pcm16k);
        return recognition.finish(GENEROUS).toLowerCase(Locale.ROOT);
    }
}
