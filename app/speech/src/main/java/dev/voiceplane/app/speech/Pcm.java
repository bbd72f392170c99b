package dev.voiceplane.app.speech;

/** 16-bit little-endian PCM as bytes and as samples, and the 8 ↔ 16 kHz steps telephone audio needs. */
public final class Pcm {

    private Pcm() {
    }

    public static short[] samples(byte[] pcm) {
        short[] samples = new short[pcm.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) ((pcm[2 * i + 1] << 8) | (pcm[2 * i] & 0xff));
        }
        return samples;
    }

    public static byte[] bytes(short[] samples) {
        byte[] pcm = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            pcm[2 * i] = (byte) samples[i];
            pcm[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return pcm;
    }

    /** 8 kHz to 16 kHz: each sample preceded by the midpoint to the one before (linear interpolation). */
    public static short[] upsample(short[] samples8k, short previous) {
        short[] out = new short[samples8k.length * 2];
        for (int i = 0; i < samples8k.length; i++) {
            out[2 * i] = (short) ((previous + samples8k[i]) / 2);
            out[2 * i + 1] = samples8k[i];
            previous = samples8k[i];
        }
        return out;
    }

    /** 24 kHz to 16 kHz (two samples of every three, interpolated), for ACS calls streamed at 24 kHz. */
    public static short[] from24k(short[] samples24k) {
        short[] out = new short[samples24k.length * 2 / 3];
        for (int i = 0; i < out.length; i++) {
            double position = i * 1.5;
            int index = (int) position;
            double fraction = position - index;
            short next = index + 1 < samples24k.length ? samples24k[index + 1] : samples24k[index];
            out[i] = (short) Math.round(samples24k[index] * (1 - fraction) + next * fraction);
        }
        return out;
    }

    /** 16 kHz to 24 kHz (three samples for every two, interpolated), for replies to ACS calls streamed at 24 kHz. */
    public static short[] to24k(short[] samples16k) {
        return samples(Pcm16kConverter.convert(SpeechFormat.PCM_24K, bytes(samples16k)));
    }
}
