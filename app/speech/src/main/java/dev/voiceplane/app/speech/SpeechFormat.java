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

    /**
     * 16 kHz 16-bit little-endian PCM in this format (μ-law: every other sample, encoded; 24 kHz:
     * interpolated). Audio that arrives in chunks goes through one {@link Pcm16kConverter} instead.
     */
    public byte[] fromPcm16k(byte[] pcm16k) {
        return this == PCM_16K ? pcm16k : Pcm16kConverter.convert(this, pcm16k);
    }
}
