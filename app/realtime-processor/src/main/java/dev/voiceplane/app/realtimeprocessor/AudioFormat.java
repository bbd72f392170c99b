package dev.voiceplane.app.realtimeprocessor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.speech.MuLaw;
import dev.voiceplane.app.speech.Pcm;
import dev.voiceplane.app.speech.SpeechFormat;

/**
 * The caller audio of a call, as declared in its {@code start} frame
 * ({@code "audio":{"encoding":"pcm16"|"mulaw","sampleRate":16000|8000}}; default pcm16 at 16 kHz).
 * Binary frames carry raw samples in that format; they are decoded to 16 kHz 16-bit PCM, what
 * speech-to-text and the voice activity detection work on. Reply audio goes back in the caller's
 * own encoding, so a telephone leg never has to transcode.
 */
enum AudioFormat {
    /** 16-bit signed little-endian PCM, mono, 16 kHz: a browser or app client. */
    PCM16("pcm16", 16_000, SpeechFormat.PCM_16K),
    /** G.711 μ-law, mono, 8 kHz: a telephony gateway. */
    MULAW("mulaw", 8_000, SpeechFormat.MULAW_8K),
    /** 16-bit signed little-endian PCM, mono, 24 kHz: an ACS media stream set to pcm24KMono. */
    PCM24("pcm24", 24_000, SpeechFormat.PCM_24K);

    private final String encoding;
    private final int sampleRate;
    private final SpeechFormat reply;

    AudioFormat(String encoding, int sampleRate, SpeechFormat reply) {
        this.encoding = encoding;
        this.sampleRate = sampleRate;
        this.reply = reply;
    }

    /** The format a start frame declares; throws {@link IllegalArgumentException} naming the bad field. */
    static AudioFormat of(JsonNode start) {
        JsonNode audio = start.path("audio");
        if (audio.isMissingNode() || audio.isNull()) {
            return PCM16;
        }
        if (!audio.isObject()) {
            throw new IllegalArgumentException("field 'audio' must be an object such as {\"encoding\":\"mulaw\",\"sampleRate\":8000}");
        }
        String encoding = audio.path("encoding").asText(PCM16.encoding);
        AudioFormat format = null;
        for (AudioFormat candidate : values()) {
            if (candidate.encoding.equals(encoding)) {
                format = candidate;
            }
        }
        if (format == null) {
            throw new IllegalArgumentException("field 'audio.encoding' must be pcm16, pcm24 or mulaw, not '"
                    + (encoding.length() > 20 ? encoding.substring(0, 20) + "..." : encoding) + "'");
        }
        JsonNode rate = audio.path("sampleRate");
        if (!rate.isMissingNode() && (!rate.canConvertToInt() || rate.asInt() != format.sampleRate)) {
            throw new IllegalArgumentException("field 'audio.sampleRate' must be " + format.sampleRate + " for " + format.encoding
                    + " audio, not " + rate.asText());
        }
        return format;
    }

    String encoding() {
        return encoding;
    }

    int sampleRate() {
        return sampleRate;
    }

    /** How speech-to-text's counterpart, text-to-speech, must answer for this call. */
    SpeechFormat reply() {
        return reply;
    }

    /** A decoder for one call's stream (it keeps state across frames). */
    Decoder decoder() {
        return new Decoder(this);
    }

    /** Turns the call's binary frames into 16 kHz samples, carrying what a frame boundary splits. */
    static final class Decoder {
        private final AudioFormat format;
        private int pendingByte = -1;
        private short previous;

        private Decoder(AudioFormat format) {
            this.format = format;
        }

        short[] decode(byte[] frame) {
            return switch (format) {
                case PCM16 -> pcm16(frame);
                case MULAW -> mulaw(frame);
                case PCM24 -> Pcm.from24k(pcm16(frame)); // ACS frames are 20 ms, 480 samples: whole groups of three
            };
        }

        private short[] pcm16(byte[] frame) {
            int offset = 0;
            int total = frame.length + (pendingByte >= 0 ? 1 : 0);
            short[] samples = new short[total / 2];
            int n = 0;
            if (pendingByte >= 0 && frame.length > 0) {
                samples[n++] = (short) ((frame[0] << 8) | pendingByte);
                offset = 1;
                pendingByte = -1;
            }
            for (; offset + 1 < frame.length; offset += 2) {
                samples[n++] = (short) ((frame[offset + 1] << 8) | (frame[offset] & 0xff));
            }
            if (offset < frame.length) {
                pendingByte = frame[offset] & 0xff; // a sample split across frames
            }
            return n == samples.length ? samples : java.util.Arrays.copyOf(samples, n);
        }

        /** μ-law at 8 kHz to PCM at 16 kHz: each sample is preceded by the midpoint to the one before (linear interpolation). */
        private short[] mulaw(byte[] frame) {
            short[] samples = new short[frame.length * 2];
            for (int i = 0; i < frame.length; i++) {
                short sample = MuLaw.decode(frame[i]);
                samples[2 * i] = (short) ((previous + sample) / 2);
                samples[2 * i + 1] = sample;
                previous = sample;
            }
            return samples;
        }
    }
}
