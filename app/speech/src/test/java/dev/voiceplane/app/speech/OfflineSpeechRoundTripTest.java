package dev.voiceplane.app.speech;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.speech.offline.FreeTtsTextToSpeech;
import dev.voiceplane.app.speech.offline.SphinxSpeechToText;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The offline engines understand each other: FreeTTS speaks a sentence, Sphinx4 recognises its words. */
class OfflineSpeechRoundTripTest {

    /**
     * Only a guard against a hang: the offline engines are CPU-bound (Sphinx4 loads its acoustic model on
     * first use, 20+ s on a busy 2-core machine), so a wall-clock bound must leave room for a loaded machine.
     */
    static final Duration GENEROUS = Duration.ofMinutes(5);
    static final FreeTtsTextToSpeech TTS = new FreeTtsTextToSpeech(1);
    static final SphinxSpeechToText STT = new SphinxSpeechToText(1);

    @AfterAll
    static void close() {
        STT.close();
    }

    static byte[] speak(String text, SpeechFormat format) {
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        TTS.speak(text, format, (bytes, offset, length) -> {
            audio.write(bytes, offset, length);
            return true;
        }, GENEROUS);
        return audio.toByteArray();
    }

    @Test
    void whatFreeTtsSaysSphinxHearsWithPartialsOnTheWay() {
        byte[] pcm = speak("Please call me back tomorrow morning.", SpeechFormat.PCM_16K);
        assertThat(pcm.length).isGreaterThan(32_000); // more than a second of speech

        List<String> partials = new ArrayList<>();
        SpeechToText.Recognition recognition = STT.start(partials::add);
        for (int offset = 0; offset < pcm.length; offset += 640) { // 20 ms frames, as a call streams them
            recognition.accept(java.util.Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + 640)));
        }
        String heard = recognition.finish(GENEROUS);

        assertThat(heard).contains("call").contains("back").contains("tomorrow");
        assertThat(partials).isNotEmpty().last().isEqualTo(heard);
    }

    @Test
    void muLawAt8kHzIsATelephoneVersionOfTheSameSpeech() {
        byte[] pcm = speak("Hello there.", SpeechFormat.PCM_16K);
        byte[] mulaw = speak("Hello there.", SpeechFormat.MULAW_8K);
        assertThat(mulaw.length).isBetween(pcm.length / 4 - 8, pcm.length / 4 + 8); // one byte per 8 kHz sample
    }

    @Test
    void aSinkThatRefusesStopsTheSynthesis() {
        int[] calls = {0};
        TTS.speak("This is a long sentence that keeps going on and on. And another one follows it here.", SpeechFormat.PCM_16K,
                (bytes, offset, length) -> ++calls[0] < 1, GENEROUS);
        assertThat(calls[0]).isEqualTo(1);
    }
}
