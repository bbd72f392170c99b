package dev.voiceplane.app.speech;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * 16 kHz 16-bit mono PCM in and out of a WAV (RIFF) file: Azure's short-audio recognition API reads
 * the format from the header as well as from {@code Content-Type} (a headerless body is only
 * tolerated, not documented), and the local call client plays and saves WAV files.
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

    /**
     * The samples of a 16-bit mono PCM WAV file at 8 or 16 kHz, as 16 kHz PCM; throws
     * {@link IllegalArgumentException} saying what the file is instead.
     */
    public static byte[] read(byte[] wav) {
        ByteBuffer in = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || in.getInt(0) != 0x46464952 || in.getInt(8) != 0x45564157) { // "RIFF", "WAVE"
            throw new IllegalArgumentException("not a WAV (RIFF/WAVE) file");
        }
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int format = 0;
        for (int at = 12; at + 8 <= wav.length; ) {
            int id = in.getInt(at);
            int size = in.getInt(at + 4);
            if (size < 0 || at + 8 + (long) size > wav.length) {
                size = wav.length - at - 8; // a streamed file whose length was never filled in
            }
            if (id == 0x20746d66) { // "fmt "
                format = in.getShort(at + 8);
                channels = in.getShort(at + 10);
                rate = in.getInt(at + 12);
                bits = in.getShort(at + 22);
            } else if (id == 0x61746164) { // "data"
                if (format != 1 || channels != 1 || bits != 16 || (rate != 8_000 && rate != SAMPLE_RATE)) {
                    throw new IllegalArgumentException("the WAV file is " + (format == 1 ? "PCM" : "format " + format) + ", " + channels
                            + " channel(s), " + bits + "-bit at " + rate + " Hz; expected 16-bit mono PCM at 8000 or 16000 Hz");
                }
                byte[] pcm = java.util.Arrays.copyOfRange(wav, at + 8, at + 8 + (size & ~1));
                return rate == SAMPLE_RATE ? pcm : Pcm.bytes(Pcm.upsample(Pcm.samples(pcm), (short) 0));
            }
            at += 8 + size + (size & 1);
        }
        throw new IllegalArgumentException("the WAV file has no 'fmt ' and 'data' chunks");
    }
}
