package dev.voiceplane.app.azurespeech;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Wraps 16 kHz 16-bit mono PCM in a WAV (RIFF) header: the short-audio recognition API reads the
 * format from the header as well as from {@code Content-Type}, and a headerless body is only
 * tolerated, not documented.
 */
public final class Wav {

    public static final int SAMPLE_RATE = 16_000;
    public static final int HEADER_BYTES = 44;

    private Wav() {
    }

    public static byte[] of(byte[] pcm16k) {
        ByteBuffer wav = ByteBuffer.allocate(HEADER_BYTES + pcm16k.length).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + pcm16k.length)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1) // PCM
                .putShort((short) 1) // mono
                .putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(pcm16k.length)
                .put(pcm16k);
        return wav.array();
    }
}
