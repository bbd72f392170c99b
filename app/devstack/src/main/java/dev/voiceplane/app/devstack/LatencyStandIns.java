package dev.voiceplane.app.devstack;

import dev.voiceplane.app.speech.SpeechEngines;
import dev.voiceplane.app.speech.SpeechException;
import dev.voiceplane.app.speech.SpeechFormat;
import dev.voiceplane.app.speech.SpeechToText;
import dev.voiceplane.app.speech.TextToSpeech;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Speech engines that take as long as a cloud provider would, for the load benchmark: a fixed
 * transcript, and reply audio made once in advance. The figures are a profile's, not measured here.
 *
 * @param name                 how the report names the configuration
 * @param sttAfterSpeechMs     speech-to-text: the final result this long after the caller stopped
 * @param sttPerSpeechSecondMs and this much more per second of speech (a whole-utterance upload is processed after it arrives)
 * @param dialogMs             conversation-engine's answer (the dialog stand-in sleeps this long)
 * @param ttsFirstAudioMs      text-to-speech: the first audio of a sentence this long after the request
 * @param ttsPerAudioSecondMs  and, when not streaming, this much more per second of audio before any is given
 * @param streaming            whether text-to-speech hands on the first audio before the rest is made
 */
record LatencyStandIns(String name, int sttAfterSpeechMs, int sttPerSpeechSecondMs, int dialogMs, int ttsFirstAudioMs,
        int ttsPerAudioSecondMs, boolean streaming) {

    /** Instant stand-ins: what is measured is voiceplane's own work. */
    static final LatencyStandIns INSTANT = new LatencyStandIns("instant stand-ins", 0, 0, 0, 0, 0, true);

    /**
     * @param audioOf each sentence's reply audio (16 kHz PCM), made in advance: the stand-in's own
     *                synthesis takes no time beyond the profile's
     */
    SpeechEngines engines(String transcript, java.util.function.Function<String, byte[]> audioOf) {
        SpeechToText speechToText = partial -> new SpeechToText.Recognition() {
            private long speechBytes;

            @Override
            public void accept(byte[] pcm16k) {
                speechBytes += pcm16k.length;
            }

            @Override
            public String finish(Duration timeout) {
                pause(sttAfterSpeechMs + (int) (sttPerSpeechSecondMs * speechBytes / 32_000), timeout);
                partial.accept(transcript);
                return transcript;
            }

            @Override
            public void cancel() {
            }
        };
        TextToSpeech textToSpeech = (String sentence, SpeechFormat format, TextToSpeech.AudioSink sink, Duration timeout) -> {
            byte[] pcm = audioOf.apply(sentence);
            byte[] audio = format.fromPcm16k(pcm);
            int audioMs = pcm.length / 32;
            pause(ttsFirstAudioMs + (streaming ? 0 : ttsPerAudioSecondMs * audioMs / 1000), timeout);
            sink.accept(audio, 0, audio.length);
        };
        return new SpeechEngines(name, speechToText, textToSpeech);
    }

    /** Waits {@code millis} (a provider's latency), or fails as a timeout would when that is over {@code timeout}. */
    private static void pause(int millis, Duration timeout) {
        if (millis > timeout.toMillis()) {
            throw new SpeechException("stand-in latency " + millis + " ms is over the " + timeout.toMillis() + " ms left", true, null);
        }
        long until = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < until) {
            LockSupport.parkNanos(until - System.nanoTime());
        }
    }
}
