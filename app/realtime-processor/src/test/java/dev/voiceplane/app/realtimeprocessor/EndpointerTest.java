package dev.voiceplane.app.realtimeprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointerTest {

    private final List<String> events = new ArrayList<>();
    private final List<byte[]> utterances = new ArrayList<>();
    private final Endpointer endpointer = new Endpointer(Endpointer.Settings.DEFAULT, new Endpointer.Listener() {
        @Override
        public void speechStarted() {
            events.add("started");
        }

        @Override
        public void utterance(byte[] pcm16k) {
            events.add("utterance");
            utterances.add(pcm16k);
        }
    });

    @Test
    void aToneFollowedBySilenceIsOneUtteranceEndedAfterTheConfiguredSilence() {
        endpointer.accept(Tones.tone(400));
        assertThat(events).containsExactly("started");

        endpointer.accept(Tones.silence(480));
        assertThat(events).containsExactly("started"); // 480 ms of silence: not yet
        endpointer.accept(Tones.silence(20));

        assertThat(events).containsExactly("started", "utterance");
        assertThat(utterances.get(0)).hasSize((400 + 500) * 32); // the tone and the silence that ended it, 16-bit at 16 kHz
        assertThat(endpointer.speaking()).isFalse();
    }

    @Test
    void silenceAndQuietNoiseAreNoSpeech() {
        endpointer.accept(Tones.silence(2000));
        short[] hiss = new short[16_000];
        for (int i = 0; i < hiss.length; i++) {
            hiss[i] = (short) (i % 2 == 0 ? 300 : -300); // RMS 300, under the threshold of 600
        }
        endpointer.accept(hiss);

        assertThat(events).isEmpty();
    }

    @Test
    void aClickShorterThanTheMinimumSpeechIsIgnored() {
        endpointer.accept(Tones.concat(Tones.tone(40), Tones.silence(1000)));

        assertThat(events).isEmpty();
    }

    @Test
    void anUtteranceIsCutAtItsMaximumLength() {
        Endpointer bounded = new Endpointer(new Endpointer.Settings(600, Duration.ofMillis(60), Duration.ofMillis(500),
                Duration.ofSeconds(2)), new Endpointer.Listener() {
                    @Override
                    public void speechStarted() {
                        events.add("started");
                    }

                    @Override
                    public void utterance(byte[] pcm16k) {
                        utterances.add(pcm16k);
                    }
                });

        bounded.accept(Tones.tone(5000));

        assertThat(utterances).hasSize(2).allSatisfy(u -> assertThat(u).hasSize(2000 * 32));
        assertThat(events).containsExactly("started", "started", "started"); // a third one is under way
    }

    @Test
    void framesCanArriveInAnySize() {
        short[] audio = Tones.concat(Tones.tone(300), Tones.silence(600));
        for (int offset = 0; offset < audio.length; offset += 77) {
            endpointer.accept(java.util.Arrays.copyOfRange(audio, offset, Math.min(audio.length, offset + 77)));
        }

        assertThat(events).containsExactly("started", "utterance");
    }
}
