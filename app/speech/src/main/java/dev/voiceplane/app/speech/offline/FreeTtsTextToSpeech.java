package dev.voiceplane.app.speech.offline;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.audio.AudioPlayer;
import com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory;
import dev.voiceplane.app.speech.Pcm;
import dev.voiceplane.app.speech.Pcm16kConverter;
import dev.voiceplane.app.speech.SpeechException;
import dev.voiceplane.app.speech.SpeechFormat;
import dev.voiceplane.app.speech.TextToSpeech;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Offline text-to-speech with FreeTTS 1.2 (BSD-style licence, https://freetts.sourceforge.io/) and
 * its {@code kevin16} voice (US English, male, 16 kHz diphones). Good for development, tests and a
 * demo; robotic, English only. Audio is handed on as FreeTTS writes it (per phrase, usually a few
 * hundred ms), converted to the call's format.
 *
 * <p>A FreeTTS voice is not thread-safe: a pool of {@code voices} voices, each allocated once; a
 * sentence waits (within its timeout) for a free one.
 */
public final class FreeTtsTextToSpeech implements TextToSpeech {

    private static final String VOICE = "kevin16";
    private final BlockingQueue<Voice> voices;

    public FreeTtsTextToSpeech(int voiceCount) {
        this.voices = new ArrayBlockingQueue<>(voiceCount);
        for (int i = 0; i < voiceCount; i++) {
            voices.add(newVoice());
        }
    }

    /** FreeTTS finds voices through a system property listing directories; registering ours directly avoids a global. */
    private static Voice newVoice() {
        Voice voice = Arrays.stream(new KevinVoiceDirectory().getVoices()).filter(v -> v.getName().equals(VOICE)).findFirst()
                .orElseThrow(() -> new IllegalStateException("FreeTTS has no voice " + VOICE));
        voice.allocate();
        return voice;
    }

    @Override
    public void speak(String sentence, SpeechFormat format, AudioSink sink, Duration timeout) {
        Voice voice;
        try {
            voice = voices.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechException("interrupted", false, e);
        }
        if (voice == null) {
            throw new SpeechException("offline text-to-speech (FreeTTS): no voice free within " + timeout.toMillis() + " ms", true, null);
        }
        try {
            Sink player = new Sink(format, sink);
            voice.setAudioPlayer(player);
            voice.speak(sentence);
            player.finish();
        } catch (RuntimeException e) {
            throw new SpeechException("offline text-to-speech (FreeTTS) failed: " + e, false, e);
        } finally {
            voices.add(voice);
        }
    }

    /** FreeTTS's audio output: 16 kHz 16-bit signed big-endian PCM, turned into the call's format and passed on at once. */
    private static final class Sink implements AudioPlayer {
        private final Pcm16kConverter converter;
        private final AudioSink sink;
        private javax.sound.sampled.AudioFormat audioFormat;
        private boolean stopped;
        private int oddByte = -1;

        Sink(SpeechFormat format, AudioSink sink) {
            this.converter = new Pcm16kConverter(format);
            this.sink = sink;
        }

        @Override
        public boolean write(byte[] audio, int offset, int length) {
            if (stopped) {
                return false;
            }
            ByteArrayOutputStream little = new ByteArrayOutputStream(length + 1);
            int i = offset;
            int end = offset + length;
            if (oddByte >= 0 && i < end) {
                little.write(audio[i++]);
                little.write(oddByte);
                oddByte = -1;
            }
            for (; i + 1 < end; i += 2) {
                boolean bigEndian = audioFormat == null || audioFormat.isBigEndian();
                little.write(bigEndian ? audio[i + 1] : audio[i]);
                little.write(bigEndian ? audio[i] : audio[i + 1]);
            }
            if (i < end) {
                oddByte = audio[i] & 0xff;
            }
            byte[] pcm = little.toByteArray();
            if (audioFormat != null && audioFormat.getSampleRate() == 8_000f) {
                pcm = Pcm.bytes(Pcm.upsample(Pcm.samples(pcm), (short) 0));
            }
            byte[] out = converter.push(pcm, 0, pcm.length);
            stopped = out.length > 0 && !sink.accept(out, 0, out.length);
            return !stopped;
        }

        /** Hands on what the converter held back for the sentence's last samples. */
        void finish() {
            byte[] rest = converter.finish();
            if (!stopped && rest.length > 0) {
                stopped = !sink.accept(rest, 0, rest.length);
            }
        }

        @Override
        public boolean write(byte[] audio) {
            return write(audio, 0, audio.length);
        }

        @Override
        public void setAudioFormat(javax.sound.sampled.AudioFormat audioFormat) {
            this.audioFormat = audioFormat;
        }

        @Override
        public javax.sound.sampled.AudioFormat getAudioFormat() {
            return audioFormat;
        }

        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }

        @Override
        public void reset() {
        }

        @Override
        public boolean drain() {
            return true;
        }

        @Override
        public void begin(int size) {
        }

        @Override
        public boolean end() {
            return !stopped;
        }

        @Override
        public void cancel() {
            stopped = true;
        }

        @Override
        public void close() {
        }

        @Override
        public float getVolume() {
            return 1;
        }

        @Override
        public void setVolume(float volume) {
        }

        @Override
        public long getTime() {
            return 0;
        }

        @Override
        public void resetTime() {
        }

        @Override
        public void startFirstSampleTimer() {
        }

        @Override
        public void showMetrics() {
        }
    }
}
