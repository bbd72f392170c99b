package dev.voiceplane.app.speech;

/**
 * The audio formats a call carries and a synthesizer answers in: 16 kHz 16-bit PCM (what
 * recognition works on) and the telephone's G.711 μ-law at 8 kHz, so a telephone leg gets its own
 * encoding without transcoding on the way out.
 */
public enum SpeechFormat {
    /** 16 kHz, 16-bit signed little-endian, mono. */
    PCM_16K(16_000, 32_000),
    /** 8 kHz G.711 μ-law, mono. */
    MULAW_8K(8_000, 8_000),
    /** 24 kHz, 16-bit signed little-endian, mono: ACS media streaming's higher rate (pcm24KMono). */
    PCM_24K(24_000, 48_000);

    private final int sampleRate;
    private final int bytesPerSecond;

    SpeechFormat(int sampleRate, int bytesPerSecond) {
        this.sampleRate = sampleRate;
        this.bytesPerSecond = bytesPerSecond;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int bytesPerSecond() {
        return bytesPerSecond;
    }

    /** 16 kHz 16-bit little-endian PCM in this format (μ-law: every other sample, encoded; 24 kHz: interpolated). */
    public byte[] fromPcm16k(byte[] pcm16k) {
        if (this == PCM_16K) {
            return pcm16k;
        }
        short[] samples = Pcm.samples(pcm16k);
        if (this == PCM_24K) {
            return Pcm.bytes(Pcm.to24k(samples));
        }
        byte[] out = new byte[samples.length / 2];
        for (int i = 0; i < out.length; i++) {
            // A two-tap average before dropping every other sample: a crude low-pass against aliasing.
            out[i] = MuLaw.encode((short) ((samples[2 * i] + samples[2 * i + 1]) / 2));
        }
        return out;
    }
}
