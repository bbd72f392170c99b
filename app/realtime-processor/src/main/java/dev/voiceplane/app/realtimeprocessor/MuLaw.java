package dev.voiceplane.app.realtimeprocessor;

/**
 * G.711 μ-law (ITU-T G.711 §3, the North American and Japanese telephone encoding): one byte per
 * sample, decoded to 16-bit linear PCM. Telephony gateways send it at 8 kHz.
 */
final class MuLaw {

    private static final short[] TABLE = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            int u = ~i & 0xff;
            int exponent = (u >> 4) & 0x07;
            int magnitude = (((u & 0x0f) << 3) + 0x84) << exponent;
            TABLE[i] = (short) ((u & 0x80) != 0 ? 0x84 - magnitude : magnitude - 0x84);
        }
    }

    private MuLaw() {
    }

    static short decode(byte value) {
        return TABLE[value & 0xff];
    }
}
