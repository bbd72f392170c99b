package dev.voiceplane.app.azurespeech;

import dev.voiceplane.app.core.cloud.RequestCredential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceplane.app.azurespeech.testing.AzureSpeechSocketStub;
import dev.voiceplane.app.speech.SpeechException;
import dev.voiceplane.app.speech.SpeechToText;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The Speech SDK itself (its native library loaded in this JVM) against a loopback stand-in that speaks its protocol. */
class AzureStreamingSpeechToTextTest {

    static final AzureSpeechSocketStub STUB = AzureSpeechSocketStub.start("socket-test-key");

    @AfterAll
    static void stop() {
        STUB.close();
    }

    @Test
    void partialResultsGrowWhileTheAudioStreamsAndTheFinalResultComesAtItsEnd() {
        STUB.transcribing("i would like to speak to anna", 6_400);
        SpeechToText stt = new AzureStreamingSpeechToText(STUB.endpoints(), RequestCredential.header("Ocp-Apim-Subscription-Key", STUB.key()), "en-US");
        List<String> partials = new CopyOnWriteArrayList<>();

        SpeechToText.Recognition recognition = stt.start(partials::add);
        for (int i = 0; i < 7; i++) {
            recognition.accept(new byte[6_400]); // 0.2 s of audio: a word's worth to the stand-in
        }
        String heard = recognition.finish(Duration.ofSeconds(30));

        assertThat(heard).isEqualTo("I would like to speak to anna.");
        assertThat(partials).contains("i would like", "i would like to speak to anna");
        assertThat(partials.get(0)).isEqualTo("i");
        assertThat(STUB.clientMessages()).contains("speech.config");
    }

    @Test
    void aWrongKeyIsACancelledRecognitionThatSaysSoWithoutTheKey() {
        SpeechToText stt = new AzureStreamingSpeechToText(STUB.endpoints(), RequestCredential.header("Ocp-Apim-Subscription-Key", "wrong-key"), "en-US");

        SpeechToText.Recognition recognition = stt.start(words -> { });
        recognition.accept(new byte[6_400]);

        assertThatThrownBy(() -> recognition.finish(Duration.ofSeconds(30))).isInstanceOf(SpeechException.class)
                .hasMessageContaining("cancelled").hasMessageNotContaining("wrong-key");
    }
}
