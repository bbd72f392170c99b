package dev.voiceplane.app.speech;

/**
 * G.711 μ-law (ITU-T G.711 §3, the North American and Japanese telephone encoding): one byte per
 * sample, to and from 16-bit linear PCM. Telephony platforms (Twilio Media Streams) carry it at 8 kHz.
 */
public final class MuLaw {

    private static final short[] TABLE = new short[256];
    private static final int BIAS = 0x84;
    private static final int CLIP = 32_635;

    static {
        for (int i = 0; i < 256; i++) {
            int u = ~i & 0xff;
            int exponent = (u >> 4) & 0x07;
            int magnitude = (((u & 0x0f) << 3) + BIAS) << exponent;
            TABLE[i] = (short) ((u & 0x80) != 0 ? BIAS - magnitude : magnitude - BIAS);
        }
    }

    private MuLaw() {
    }

    public static short decode(byte value) {
        return TABLE[value & 0xff];
    }

    /** The μ-law byte nearest {@code sample} (the G.711 segment encoding). */
    public static byte encode(short sample) {
        int sign = sample < 0 ? 0x80 : 0;
        int magnitude = Math.min(Math.abs((int) sample), CLIP) + BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (magnitude >> (exponent + 3)) & 0x0f;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }
}
