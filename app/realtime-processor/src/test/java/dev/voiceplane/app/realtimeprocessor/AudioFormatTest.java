package dev.voiceplane.app.realtimeprocessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceplane.app.speech.MuLaw;
import dev.voiceplane.app.speech.SpeechFormat;
import dev.voiceplane.app.core.http.Json;
import org.junit.jupiter.api.Test;

class AudioFormatTest {

    @Test
    void muLawDecodesToTheG711Values() {
        assertThat(MuLaw.decode((byte) 0xFF)).isEqualTo((short) 0);
        assertThat(MuLaw.decode((byte) 0x7F)).isEqualTo((short) 0);
        assertThat(MuLaw.decode((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(MuLaw.decode((byte) 0x00)).isEqualTo((short) -32124);
        assertThat(MuLaw.decode((byte) 0xF0)).isEqualTo((short) 120);
        assertThat(MuLaw.decode((byte) 0x70)).isEqualTo((short) -120);
        assertThat(MuLaw.decode((byte) 0xEF)).isEqualTo((short) 132);
    }

    @Test
    void muLawRoundTripsWithinItsQuantisationStep() {
        for (int value = -32000; value <= 32000; value += 97) {
            short decoded = MuLaw.decode(MuLaw.encode((short) value));
            assertThat(Math.abs(decoded - value)).isLessThanOrEqualTo(Math.max(8, Math.abs(value) / 16));
        }
    }

    @Test
    void muLawAt8kHzBecomes16kHzByInterpolation() {
        short[] samples = AudioFormat.MULAW.decoder().decode(new byte[] {(byte) 0xF0, (byte) 0xEF});

        assertThat(samples).containsExactly((short) 60, (short) 120, (short) 126, (short) 132);
    }

    @Test
    void pcm16IsLittleEndianAndASampleSplitAcrossFramesIsKept() {
        AudioFormat.Decoder decoder = AudioFormat.PCM16.decoder();

        assertThat(decoder.decode(new byte[] {0x34, 0x12, (byte) 0xFF})).containsExactly((short) 0x1234);
        assertThat(decoder.decode(new byte[] {(byte) 0xFF, 0x01, 0x00})).containsExactly((short) -1, (short) 1);
    }

    @Test
    void theStartFrameDeclaresTheFormatAndTheReplyFollowsIt() throws Exception {
        assertThat(AudioFormat.of(Json.mapper().readTree("{\"type\":\"start\"}"))).isEqualTo(AudioFormat.PCM16);
        assertThat(AudioFormat.of(Json.mapper().readTree("{\"audio\":{\"encoding\":\"mulaw\",\"sampleRate\":8000}}")))
                .isEqualTo(AudioFormat.MULAW);
        assertThat(AudioFormat.MULAW.reply()).isEqualTo(SpeechFormat.MULAW_8K);
        assertThatThrownBy(() -> AudioFormat.of(Json.mapper().readTree("{\"audio\":{\"encoding\":\"opus\"}}")))
                .hasMessageContaining("field 'audio.encoding' must be pcm16, pcm24 or mulaw, not 'opus'");
        assertThatThrownBy(() -> AudioFormat.of(Json.mapper().readTree("{\"audio\":{\"encoding\":\"pcm16\",\"sampleRate\":44100}}")))
                .hasMessageContaining("field 'audio.sampleRate' must be 16000 for pcm16 audio, not 44100");
        assertThatThrownBy(() -> AudioFormat.of(Json.mapper().readTree("{\"audio\":\"mulaw\"}"))).hasMessageContaining("field 'audio'");
    }
}
