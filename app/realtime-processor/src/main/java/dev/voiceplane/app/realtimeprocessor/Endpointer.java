package dev.voiceplane.app.realtimeprocessor;

import java.io.ByteArrayOutputStream;
import java.time.Duration;

/**
 * Energy-based voice activity detection with endpointing, on 16 kHz samples in 20 ms frames. A
 * frame is voiced when its RMS reaches {@link Settings#threshold}; speech starts after
 * {@link Settings#minSpeech} of voiced frames in a row (so a click is not a caller), and the
 * utterance ends after {@link Settings#silence} of unvoiced frames, or at
 * {@link Settings#maxUtterance}, which also bounds the memory one call can hold. Time here is the
 * audio's own (sample counts), not the wall clock, so a burst of frames is cut exactly like the
 * same audio arriving in real time.
 *
 * <p>Not thread-safe: one per call, fed by the socket's message thread.
 */
final class Endpointer {

    static final int SAMPLE_RATE = 16_000;
    static final int FRAME = SAMPLE_RATE / 50; // 20 ms

    /**
     * @param threshold    RMS (of 32767) from which a frame counts as speech; default 600 (about -35 dBFS)
     * @param minSpeech    voiced time before speech counts as started; default 60 ms
     * @param silence      unvoiced time that ends an utterance; default 500 ms
     * @param maxUtterance longest utterance; default 15 s (480 kB of PCM)
     */
    record Settings(int threshold, Duration minSpeech, Duration silence, Duration maxUtterance) {
        static final Settings DEFAULT = new Settings(600, Duration.ofMillis(60), Duration.ofMillis(500), Duration.ofSeconds(15));

        Settings {
            if (threshold <= 0 || minSpeech.isNegative() || silence.toMillis() < 20 || maxUtterance.compareTo(silence) <= 0) {
                throw new IllegalArgumentException("endpointing needs a positive threshold, a silence of at least 20 ms"
                        + " and a maximum utterance longer than the silence");
            }
        }

        int frames(Duration duration) {
            return (int) Math.max(1, duration.toMillis() / 20);
        }
    }

    /** What the endpointer reports, on the thread that fed it. */
    interface Listener {
        /** The caller started speaking (barge-in point). */
        void speechStarted();

        /** A finished utterance: 16 kHz 16-bit little-endian PCM. */
        void utterance(byte[] pcm16k);

        /** More audio of the utterance in progress (from speech start on), so recognition can run while the caller talks. */
        default void speech(byte[] pcm16k) {
        }

        /**
         * The caller has spoken for {@code millis} of voiced audio in this utterance (reported each
         * voiced frame); barge-in waits for enough of it to tell speech from a backchannel.
         */
        default void voiced(int millis) {
        }

        /** The utterance has been silent for {@code millis} so far (reported each unvoiced frame of it). */
        default void silent(int millis) {
        }

        /**
         * The silence that ends this utterance now (turn detection reads the words so far); the
         * default is the settings' fixed silence.
         */
        default Duration silence(Duration configured) {
            return configured;
        }
    }

    private final Settings settings;
    private final Listener listener;
    private final short[] frame = new short[FRAME];
    private int filled;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(); // voiced frames before speech is confirmed
    private final ByteArrayOutputStream utterance = new ByteArrayOutputStream();
    private boolean speaking;
    private int voicedRun;
    private int silentRun;
    private int utteranceFrames;
    private int voicedFrames;

    Endpointer(Settings settings, Listener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    void accept(short[] samples) {
        for (short sample : samples) {
            frame[filled++] = sample;
            if (filled == FRAME) {
                onFrame();
                filled = 0;
            }
        }
    }

    boolean speaking() {
        return speaking;
    }

    /** Root mean square of the samples, 0..32768. */
    static double rms(short[] samples, int length) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return length == 0 ? 0 : Math.sqrt(sum / length);
    }

    private void onFrame() {
        boolean voiced = rms(frame, FRAME) >= settings.threshold();
        if (!speaking) {
            if (!voiced) {
                voicedRun = 0;
                pending.reset();
                return;
            }
            write(pending);
            if (++voicedRun < settings.frames(settings.minSpeech())) {
                return;
            }
            speaking = true;
            silentRun = 0;
            utteranceFrames = voicedRun;
            utterance.reset();
            utterance.writeBytes(pending.toByteArray());
            voicedFrames = voicedRun;
            listener.speechStarted();
            listener.speech(pending.toByteArray());
            pending.reset();
            return;
        }
        byte[] bytes = frameBytes();
        utterance.writeBytes(bytes);
        listener.speech(bytes);
        utteranceFrames++;
        silentRun = voiced ? 0 : silentRun + 1;
        if (voiced) {
            listener.voiced(++voicedFrames * 20);
        } else {
            listener.silent(silentRun * 20);
        }
        if (silentRun >= settings.frames(listener.silence(settings.silence())) || utteranceFrames >= settings.frames(settings.maxUtterance())) {
            byte[] pcm = utterance.toByteArray();
            speaking = false;
            voicedRun = 0;
            utterance.reset();
            listener.utterance(pcm);
        }
    }

    private void write(ByteArrayOutputStream out) {
        out.writeBytes(frameBytes());
    }

    private byte[] frameBytes() {
        byte[] bytes = new byte[FRAME * 2];
        for (int i = 0; i < FRAME; i++) {
            bytes[2 * i] = (byte) frame[i];
            bytes[2 * i + 1] = (byte) (frame[i] >> 8);
        }
        return bytes;
    }
}
