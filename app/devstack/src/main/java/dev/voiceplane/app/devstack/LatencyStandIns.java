package dev.voiceplane.app.devstack;

import dev.voiceplane.app.speech.SpeechEngines;
import dev.voiceplane.app.speech.SpeechException;
import dev.voiceplane.app.speech.SpeechFormat;
import dev.voiceplane.app.speech.SpeechToText;
import dev.voiceplane.app.speech.TextToSpeech;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Providers that take as long as Azure's would, for the load benchmark: a fixed transcript, reply
 * audio made once in advance, and a dialog stand-in ({@link DialogStandIn}) that writes the reply
 * token by token. The figures are published ones (see {@link #AZURE}), not measured here.
 *
 * @param name            how the report names the configuration
 * @param partialLagMs    speech-to-text: a word is in the partial result this long after its audio arrived
 * @param finalMs         speech-to-text: the final result this long after the end of the audio
 * @param firstTokenMs    the model's time to its first token
 * @param perTokenMs      and the time to each token after it
 * @param ttsFirstByteMs  text-to-speech: the first audio of a sentence this long after the request
 * @param ttsPerAudioSecondMs when not streamed, this much more per second of the sentence's audio before any is given
 */
record LatencyStandIns(String name, int partialLagMs, int finalMs, int firstTokenMs, int perTokenMs, int ttsFirstByteMs,
        int ttsPerAudioSecondMs) {

    /**
     * Azure's streaming latencies, from what is published (Microsoft gives no per-stage figures for
     * its streaming APIs; ranges below, their midpoints used):
     * <ul>
     * <li>speech-to-text finalization 50-150 ms after the end of the utterance (frootai.dev, "Voice &amp;
     * Speech AI: the 800ms latency budget", the canonical Azure stack): 100 ms for the final result,
     * and the same lag for a word to appear in the partial result;</li>
     * <li>Azure OpenAI time to first token 200-500 ms for gpt-4o-mini with streaming (same source;
     * Microsoft Q&amp;A: "TTFT is typically &lt;1 second" when streaming): 350 ms;</li>
     * <li>time between tokens 8-10 ms for gpt-4o-mini on Azure (Microsoft Tech Community, "From Timeouts
     * to Triumph: Optimizing GPT-4o-mini", 2025): 10 ms;</li>
     * <li>Azure AI Speech synthesis, time to the first streamed segment 0.16-0.20 s (Accenture AI
     * Refinery model catalog, Azure/AI-Speech benchmark): 180 ms.</li>
     * </ul>
     * Not streamed, a sentence's audio comes when all of it is made: 100 ms per second of audio more
     * (an assumption: no finish latency is published; neural voices synthesize about ten times faster than real time).
     */
    static final LatencyStandIns AZURE = new LatencyStandIns("Azure-like stand-ins", 100, 100, 350, 10, 180, 100);

    /** Instant stand-ins: what is measured is voiceplane's own work. */
    static final LatencyStandIns INSTANT = new LatencyStandIns("instant stand-ins", 0, 0, 0, 0, 0, 0);

    /** Delivers partial results later than their audio, as a streaming recognizer does. */
    private static final ScheduledExecutorService PARTIALS = Executors.newScheduledThreadPool(1, runnable -> {
        Thread thread = new Thread(runnable, "stand-in-partials");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param transcript  what the caller says
     * @param speechBytes the length of its voiced audio (16 kHz PCM): the partial result holds as
     *                    many of the transcript's words as the audio received so far covers
     * @param streaming   whether speech-to-text gives partial results and text-to-speech its first
     *                    audio before the rest is made
     * @param audioOf     each sentence's reply audio (16 kHz PCM), made in advance: the stand-in's own
     *                    synthesis takes no time beyond the profile's
     */
    SpeechEngines engines(String transcript, int speechBytes, boolean streaming, java.util.function.Function<String, byte[]> audioOf) {
        String[] words = transcript.split(" ");
        SpeechToText speechToText = partial -> new SpeechToText.Recognition() {
            private long received;
            private int heard;

            @Override
            public void accept(byte[] pcm16k) {
                received += pcm16k.length;
                int now = (int) Math.min(words.length, words.length * received / Math.max(1, speechBytes));
                if (streaming && now > heard) {
                    heard = now;
                    String text = String.join(" ", java.util.Arrays.copyOf(words, now));
                    PARTIALS.schedule(() -> partial.accept(text), partialLagMs, TimeUnit.MILLISECONDS);
                }
            }

            @Override
            public String finish(Duration timeout) {
                pause(finalMs, timeout);
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
            pause(ttsFirstByteMs + (streaming ? 0 : ttsPerAudioSecondMs * audioMs / 1000), timeout);
            sink.accept(audio, 0, audio.length);
        };
        return new SpeechEngines(name + (streaming ? ", streamed" : ", whole"), speechToText, textToSpeech);
    }

    /** Waits {@code millis} (a provider's latency), or fails as a timeout would when that is over {@code timeout}. */
    static void pause(int millis, Duration timeout) {
        if (millis > timeout.toMillis()) {
            throw new SpeechException("stand-in latency " + millis + " ms is over the " + timeout.toMillis() + " ms left", true, null);
        }
        long until = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < until) {
            LockSupport.parkNanos(until - System.nanoTime());
        }
    }
}
