package dev.voiceplane.app.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class WavTest {

    @Test
    void aWavFileRoundTripsAndEightKilohertzIsUpsampled() {
        byte[] pcm = Pcm.bytes(new short[] {0, 1000, -1000, 32767});
        assertThat(Wav.read(Wav.of(pcm))).containsExactly(pcm);

        byte[] wav8k = Wav.of(Pcm.bytes(new short[] {100, 300}));
        ByteBuffer.wrap(wav8k).order(ByteOrder.LITTLE_ENDIAN).putInt(24, 8_000).putInt(28, 16_000);
        assertThat(Pcm.samples(Wav.read(wav8k))).containsExactly((short) 50, (short) 100, (short) 200, (short) 300);
    }

    @Test
    void anythingElseIsRefusedSayingWhatItIs() {
        assertThatThrownBy(() -> Wav.read("not a wav file at all".getBytes())).hasMessageContaining("not a WAV");
        byte[] stereo = Wav.of(new byte[8]);
        ByteBuffer.wrap(stereo).order(ByteOrder.LITTLE_ENDIAN).putShort(22, (short) 2);
        assertThatThrownBy(() -> Wav.read(stereo)).hasMessageContaining("2 channel(s)").hasMessageContaining("expected 16-bit mono PCM");
    }

    @Test
    void muLawEncodingInvertsDecodingWithinItsStep() {
        for (int value = -32000; value <= 32000; value += 37) {
            short decoded = MuLaw.decode(MuLaw.encode((short) value));
            assertThat(Math.abs(decoded - value)).isLessThanOrEqualTo(Math.max(8, Math.abs(value) / 16));
        }
    }
}
