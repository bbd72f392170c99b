package dev.voiceplane.app.realtimeprocessor;

/** Synthetic caller audio: a tone well above the VAD threshold, and silence. */
final class Tones {

    private Tones() {
    }

    /** {@code millis} of a 440 Hz tone at 16 kHz, amplitude 8000 (RMS about 5650, -15 dBFS). */
    static short[] tone(int millis) {
        short[] samples = new short[16 * millis];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        }
        return samples;
    }

    static short[] silence(int millis) {
        return new short[16 * millis];
    }

    static short[] concat(short[]... parts) {
        int length = 0;
        for (short[] part : parts) {
            length += part.length;
        }
        short[] all = new short[length];
        int offset = 0;
        for (short[] part : parts) {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        return all;
    }

    /** 16-bit little-endian PCM bytes. */
    static byte[] pcm16(short[] samples) {
        byte[] bytes = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            bytes[2 * i] = (byte) samples[i];
            bytes[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return bytes;
    }

    /** Every other sample (16 kHz to 8 kHz) in G.711 μ-law, as a telephony gateway sends it. */
    static byte[] mulaw8k(short[] samples16k) {
        byte[] bytes = new byte[samples16k.length / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = encodeMuLaw(samples16k[2 * i]);
        }
        return bytes;
    }

    /** The G.711 encoder (the reference algorithm with bias 0x84 and clip 32635). */
    static byte encodeMuLaw(short sample) {
        int value = sample;
        int sign = value < 0 ? 0x80 : 0;
        if (value < 0) {
            value = -value;
        }
        value = Math.min(value, 32635) + 0x84;
        int exponent = 7;
        for (int mask = 0x4000; (value & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (value >> (exponent + 3)) & 0x0f;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }
}
