package dev.voiceplane.app.speech;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.speech.offline.FreeTtsTextToSpeech;
import dev.voiceplane.app.speech.offline.SphinxSpeechToText;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The offline engines understand each other: FreeTTS speaks a sentence, Sphinx4 recognises its words.
 * What is bounded is the decoding, by a multiple of the audio's length; loading the models (seconds on
 * a quiet core, far more with both cores busy) happens before, unbounded, as it is not what is tested.
 */
class OfflineSpeechRoundTripTest {

    /**
     * Only a guard against a hang: the offline engines are CPU-bound, so a wall-clock bound must leave
     * room for a loaded 2-core machine. FreeTTS waits this long for its one voice.
     */
    static final Duration GENEROUS = Duration.ofMinutes(5);
    /** Decoding may take this many times the audio's length (about 1 on a quiet core), and never less than GENEROUS. */
    static final int REAL_TIME_MULTIPLE = 60;
    static final FreeTtsTextToSpeech TTS = new FreeTtsTextToSpeech(1);
    static final SphinxSpeechToText STT = new SphinxSpeechToText(1);

    @BeforeAll
    static void loadModels() {
        STT.warmUp().join();
    }

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

    /** A multiple of the audio's length, and never less than {@link #GENEROUS}. */
    static Duration decodingBound(byte[] pcm16k) {
        Duration audio = Duration.ofMillis(pcm16k.length / (SpeechFormat.PCM_16K.bytesPerSecond() / 1000));
        Duration bound = audio.multipliedBy(REAL_TIME_MULTIPLE);
        return bound.compareTo(GENEROUS) < 0 ? GENEROUS : bound;
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
        String heard = recognition.finish(decodingBound(pcm));

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
