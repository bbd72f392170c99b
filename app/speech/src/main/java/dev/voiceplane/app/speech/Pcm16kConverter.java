package dev.voiceplane.app.speech;

import java.util.Arrays;

/**
 * 16 kHz 16-bit little-endian PCM turned into a {@link SpeechFormat} as it streams in: chunks of
 * any length go in (an odd byte, an odd sample or the last sample before a chunk's end are kept for
 * the next one), and the bytes that come out, {@link #finish() finished}, are exactly those
 * {@link SpeechFormat#fromPcm16k} makes of the whole. A synthesizer that only produces 16 kHz (Polly's
 * PCM, FreeTTS) answers in the caller's format this way without cracks at its chunk boundaries.
 *
 * <p>To 24 kHz: linear interpolation, output sample {@code j} at input position {@code 2j/3}; the last
 * input sample stands in for the one after it at the end. Not thread-safe: one per sentence.
 */
public final class Pcm16kConverter {

    private final SpeechFormat format;
    private int oddByte = -1;
    /** Samples received so far, and the last of them (24 kHz: the left neighbour of the next chunk's first). */
    private long received;
    private short last;
    /** 24 kHz samples given out so far. */
    private long emitted;
    /** μ-law: the first sample of a pair whose second has not arrived. */
    private boolean pairOpen;
    private short pairFirst;

    public Pcm16kConverter(SpeechFormat format) {
        this.format = format;
    }

    /** The converted audio of this chunk that is complete already; possibly empty. */
    public byte[] push(byte[] pcm16k, int offset, int length) {
        short[] samples = samples(pcm16k, offset, length);
        return switch (format) {
            case PCM_16K -> Pcm.bytes(samples);
            case MULAW_8K -> muLaw(samples);
            case PCM_24K -> Pcm.bytes(to24k(samples));
        };
    }

    /** The rest, once the input is over: the 24 kHz samples that waited for a right neighbour. */
    public byte[] finish() {
        return format == SpeechFormat.PCM_24K ? Pcm.bytes(rest24k()) : new byte[0];
    }

    /** The converted audio of a whole recording: {@link #push} then {@link #finish}. */
    public static byte[] convert(SpeechFormat format, byte[] pcm16k) {
        Pcm16kConverter converter = new Pcm16kConverter(format);
        byte[] head = converter.push(pcm16k, 0, pcm16k.length);
        byte[] tail = converter.finish();
        byte[] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    private short[] samples(byte[] pcm, int offset, int length) {
        int start = offset;
        int end = offset + length;
        int carried = oddByte >= 0 && length > 0 ? 1 : 0;
        short[] samples = new short[(length + carried) / 2];
        int n = 0;
        if (carried == 1) {
            samples[n++] = (short) ((pcm[start++] << 8) | oddByte);
            oddByte = -1;
        }
        for (; start + 1 < end; start += 2) {
            samples[n++] = (short) ((pcm[start + 1] << 8) | (pcm[start] & 0xff));
        }
        if (start < end) {
            oddByte = pcm[start] & 0xff;
        }
        return samples;
    }

    /** A two-tap average before dropping every other sample: a crude low-pass against aliasing. */
    private byte[] muLaw(short[] samples) {
        byte[] out = new byte[(samples.length + (pairOpen ? 1 : 0)) / 2];
        int n = 0;
        for (short sample : samples) {
            if (pairOpen) {
                out[n++] = MuLaw.encode((short) ((pairFirst + sample) / 2));
            } else {
                pairFirst = sample;
            }
            pairOpen = !pairOpen;
        }
        return out;
    }

    private short[] to24k(short[] samples) {
        if (samples.length == 0) {
            return new short[0];
        }
        long first = received; // global index of samples[0]; received - 1 is `last`
        long now = received + samples.length;
        // Output j needs inputs floor(2j/3) and the one after: every j with floor(2j/3) + 1 < now is complete.
        long ready = (3 * (now - 1) + 1) / 2;
        short[] out = new short[(int) Math.max(0, ready - emitted)];
        for (int n = 0; n < out.length; n++) {
            long j = emitted + n;
            long index = 2 * j / 3;
            int twoThirds = (int) (2 * j % 3);
            short left = index < first ? last : samples[(int) (index - first)];
            short right = samples[(int) (index + 1 - first)];
            out[n] = (short) Math.round(left + (right - left) * twoThirds / 3.0);
        }
        emitted += out.length;
        received = now;
        last = samples[samples.length - 1];
        return out;
    }

    private short[] rest24k() {
        long total = received * 3 / 2;
        short[] out = new short[(int) (total - emitted)];
        Arrays.fill(out, last);
        emitted = total;
        return out;
    }
}
