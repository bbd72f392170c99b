package dev.voiceplane.app.azurespeech;

/**
 * The audio formats the client exchanges with Azure Speech: recognition always takes 16 kHz 16-bit
 * mono PCM (in a WAV container); synthesis answers in the format a call's audio uses, so a
 * telephone leg (G.711 μ-law at 8 kHz) gets its own encoding without a transcoding step here.
 */
public enum SpeechFormat {
    /** 16 kHz, 16-bit signed little-endian, mono. */
    PCM_16K("raw-16khz-16bit-mono-pcm", 32_000),
    /** 8 kHz G.711 μ-law, mono. */
    MULAW_8K("raw-8khz-8bit-mono-mulaw", 8_000);

    private final String outputFormat;
    private final int bytesPerSecond;

    SpeechFormat(String outputFormat, int bytesPerSecond) {
        this.outputFormat = outputFormat;
        this.bytesPerSecond = bytesPerSecond;
    }

    /** The value of the {@code X-Microsoft-OutputFormat} header. */
    public String outputFormat() {
        return outputFormat;
    }

    public int bytesPerSecond() {
        return bytesPerSecond;
    }
}
