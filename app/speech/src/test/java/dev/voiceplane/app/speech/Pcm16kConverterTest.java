package dev.voiceplane.app.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Pcm16kConverterTest {

    /** {@code seconds} of a {@code hertz} sine at {@code rate}, 16-bit little-endian. */
    static byte[] sine(int hertz, int rate, double seconds) {
        short[] samples = new short[(int) (rate * seconds)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (10_000 * Math.sin(2 * Math.PI * hertz * i / rate));
        }
        return Pcm.bytes(samples);
    }

    /** Streams {@code pcm} through one converter in chunks of random length, odd ones included. */
    static byte[] chunked(SpeechFormat format, byte[] pcm, long seed) {
        Pcm16kConverter converter = new Pcm16kConverter(format);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Random random = new Random(seed);
        for (int offset = 0; offset < pcm.length; ) {
            int length = Math.min(pcm.length - offset, random.nextInt(1, 700));
            out.writeBytes(converter.push(pcm, offset, length));
            offset += length;
        }
        out.writeBytes(converter.finish());
        return out.toByteArray();
    }

    @Test
    void audioStreamedInChunksOfAnyLengthComesOutAsTheWholeWouldInEveryFormat() {
        byte[] pcm = sine(440, 16_000, 0.5);
        for (SpeechFormat format : SpeechFormat.values()) {
            byte[] whole = format.fromPcm16k(pcm);
            for (long seed = 1; seed <= 20; seed++) {
                assertThat(chunked(format, pcm, seed)).as("%s, chunking %d", format, seed).isEqualTo(whole);
            }
        }
    }

    @Test
    void twentyFourKilohertzHasHalfAsManySamplesAgainOnTheSameCurve() {
        byte[] pcm = sine(330, 16_000, 0.48);

        byte[] out = chunked(SpeechFormat.PCM_24K, pcm, 7);

        assertThat(out).hasSize(pcm.length * 3 / 2);
        short[] in = Pcm.samples(pcm);
        short[] resampled = Pcm.samples(out);
        for (int k = 0; k < in.length / 2; k++) {
            assertThat(resampled[3 * k]).as("output %d sits on input %d", 3 * k, 2 * k).isEqualTo(in[2 * k]);
        }
        // Between two inputs, a third and two thirds of the way.
        assertThat(resampled[1]).isEqualTo((short) Math.round(in[0] + (in[1] - in[0]) * 2 / 3.0));
        assertThat(resampled[2]).isEqualTo((short) Math.round(in[1] + (in[2] - in[1]) / 3.0));
    }

    @Test
    void muLawAveragesEachPairOfSamplesAcrossChunkBoundaries() {
        byte[] pcm = Pcm.bytes(new short[] {1_000, 3_000, -2_000, -4_000, 500});
        Pcm16kConverter converter = new Pcm16kConverter(SpeechFormat.MULAW_8K);

        byte[] first = converter.push(pcm, 0, 3); // a sample and a half
        byte[] second = converter.push(pcm, 3, pcm.length - 3);

        assertThat(first).isEmpty();
        assertThat(second).containsExactly(MuLaw.encode((short) 2_000), MuLaw.encode((short) -3_000));
        assertThat(converter.finish()).as("a last sample without its pair is dropped, as for the whole").isEmpty();
    }
}
