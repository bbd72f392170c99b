package dev.voiceplane.app.azurespeech;

import dev.voiceplane.app.speech.SpeechFormat;
import dev.voiceplane.app.speech.Wav;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceplane.app.azurespeech.testing.AzureSpeechStub;
import dev.voiceplane.app.core.config.ConfigException;
import dev.voiceplane.app.core.config.ServiceConfig;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.EnvVar;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AzureSpeechClientTest {

    private static final AzureSpeechStub STUB = AzureSpeechStub.start("speech-key");
    /**
     * The client timeout of calls the stub answers at once. Generous on purpose: with both cores
     * busy a local answer can take seconds, and a test must not depend on timing (issue 10).
     */
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    private final AzureSpeechClient client = new AzureSpeechClient(STUB.endpoints(), "speech-key", "en-US", "en-US-JennyNeural");

    @AfterAll
    static void stopStub() {
        STUB.close();
    }

    @BeforeEach
    void resetStub() {
        STUB.reset();
    }

    @Test
    void recognitionSendsWavWithTheKeyAndReadsTheBestAlternative() {
        STUB.recognizing(pcm -> AzureSpeechStub.Result.heard("Heard " + pcm.length + " bytes."));

        Recognition result = client.recognize(new byte[3200], GENEROUS);

        assertThat(result.status()).isEqualTo(RecognitionStatus.SUCCESS);
        assertThat(result.text()).isEqualTo("Heard 3200 bytes.");
        assertThat(result.confidence()).isEqualTo(0.93);
        AzureSpeechStub.Request request = STUB.requests(AzureSpeechStub.STT).get(0);
        assertThat(request.query()).isEqualTo("language=en-US&format=detailed");
        assertThat(request.body()).hasSize(Wav.HEADER_BYTES + 3200);
    }

    @Test
    void nothingHeardIsAResultAndAnErrorStatusIsAnException() {
        STUB.recognizing(pcm -> new AzureSpeechStub.Result("NoMatch", ""));
        assertThat(client.recognize(new byte[320], GENEROUS).status()).isEqualTo(RecognitionStatus.NO_MATCH);
        assertThat(client.recognize(new byte[320], GENEROUS).heard()).isFalse();
        STUB.recognizing(pcm -> new AzureSpeechStub.Result("InitialSilenceTimeout", ""));
        assertThat(client.recognize(new byte[320], GENEROUS).status().nothingHeard()).isTrue();

        STUB.recognizing(pcm -> new AzureSpeechStub.Result("Error", ""));
        assertThatThrownBy(() -> client.recognize(new byte[320], GENEROUS)).isInstanceOf(AzureSpeechException.class)
                .hasMessageContaining("RecognitionStatus Error");
    }

    @Test
    void synthesisSendsEscapedSsmlAndReturnsTheAudioInTheAskedFormat() {
        STUB.synthesizing(0.5);

        byte[] pcm = client.synthesize("Tom & Jerry <said> \"hi\"", SpeechFormat.PCM_16K, GENEROUS);
        byte[] mulaw = client.synthesize("hello", SpeechFormat.MULAW_8K, GENEROUS);

        assertThat(pcm).hasSize(16_000);
        assertThat(mulaw).hasSize(4_000);
        AzureSpeechStub.Request request = STUB.requests(AzureSpeechStub.TTS).get(0);
        assertThat(request.text()).contains("<voice name='en-US-JennyNeural'>Tom &amp; Jerry &lt;said&gt; &quot;hi&quot;</voice>")
                .contains("xml:lang='en-US'");
        assertThat(request.headers()).containsEntry("x-microsoft-outputformat", "raw-16khz-16bit-mono-pcm");
        assertThat(STUB.requests(AzureSpeechStub.TTS).get(1).headers()).containsEntry("x-microsoft-outputformat", "raw-8khz-8bit-mono-mulaw");
    }

    @Test
    void aWrongKeyFailsWithTheStatusAndNeverTheKey() {
        AzureSpeechClient wrong = new AzureSpeechClient(STUB.endpoints(), "wrong-key", "en-US", "en-US-JennyNeural");

        assertThatThrownBy(() -> wrong.synthesize("hi", SpeechFormat.PCM_16K, GENEROUS)).isInstanceOf(AzureSpeechException.class)
                .hasMessageContaining("answered 401").hasMessageNotContaining("wrong-key")
                .satisfies(e -> assertThat(((AzureSpeechException) e).status()).isEqualTo(401));
    }

    @Test
    void aServerErrorAndASlowAnswerAreExceptionsTellingWhich() {
        STUB.failing(AzureSpeechStub.STT, 503);
        assertThatThrownBy(() -> client.recognize(new byte[320], GENEROUS)).hasMessageContaining("speech-to-text").hasMessageContaining("503");

        // The stub holds the answer until it closes, so the 10 s timeout always fires first, however busy the machine.
        STUB.delaying(AzureSpeechStub.TTS, Duration.ofDays(1));
        assertThatThrownBy(() -> client.synthesize("hi", SpeechFormat.PCM_16K, Duration.ofSeconds(10)))
                .isInstanceOf(AzureSpeechException.class).hasMessageContaining("within 10000 ms")
                .satisfies(e -> assertThat(((AzureSpeechException) e).timeout()).isTrue());
    }

    @Test
    void aRegionGivesThePublicEndpoints() {
        SpeechEndpoints endpoints = SpeechEndpoints.ofRegion("westeurope");
        assertThat(endpoints.recognition("en-US")).isEqualTo(URI.create(
                "https://westeurope.stt.speech.microsoft.com/speech/recognition/conversation/cognitiveservices/v1?language=en-US&format=detailed"));
        assertThat(endpoints.synthesis()).isEqualTo(URI.create("https://westeurope.tts.speech.microsoft.com/cognitiveservices/v1"));
        assertThat(SpeechEndpoints.ofRegion("https://evil.example/")).isNull();
    }

    @Test
    void configurationNeedsBothKeyAndRegionOrNeither() {
        assertThat(AzureSpeechClient.fromConfig(config(Map.of()))).isEmpty();
        assertThat(AzureSpeechClient.fromConfig(config(Map.of(Env.AZURE_SPEECH_KEY, "k", Env.AZURE_SPEECH_REGION, "westeurope"))))
                .hasValueSatisfying(c -> assertThat(c.endpoints().sttBase().getHost()).isEqualTo("westeurope.stt.speech.microsoft.com"));
        assertThatThrownBy(() -> AzureSpeechClient.fromConfig(config(Map.of(Env.AZURE_SPEECH_KEY, "secret-value"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AZURE_SPEECH_REGION is not").hasMessageNotContaining("secret-value");
        assertThatThrownBy(() -> AzureSpeechClient.fromConfig(config(Map.of(Env.AZURE_SPEECH_REGION, "westeurope"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AZURE_SPEECH_KEY is not");
        assertThatThrownBy(() -> AzureSpeechClient.fromConfig(config(Map.of(Env.AZURE_SPEECH_KEY, "k", Env.AZURE_SPEECH_REGION, "west europe"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AZURE_SPEECH_REGION 'west europe' is not an Azure region");
    }

    @Test
    void languageAndVoiceComeFromTheirVariablesAndAreCheckedByForm() {
        Map<String, String> india = new HashMap<>(Map.of(Env.AZURE_SPEECH_KEY, "speech-key", Env.AZURE_SPEECH_REGION, "centralindia",
                Env.AZURE_SPEECH_LANGUAGE, "en-IN", Env.AZURE_SPEECH_VOICE, "en-IN-NeerjaNeural"));
        AzureSpeechClient indian = AzureSpeechClient.fromConfig(config(india), region -> STUB.endpoints()).orElseThrow();
        indian.recognize(new byte[320], GENEROUS);
        indian.synthesize("namaste", SpeechFormat.PCM_16K, GENEROUS);
        assertThat(STUB.requests(AzureSpeechStub.STT).get(0).query()).isEqualTo("language=en-IN&format=detailed");
        assertThat(indian.voice()).isEqualTo("en-IN-NeerjaNeural");
        assertThat(STUB.requests(AzureSpeechStub.TTS).get(0).text()).contains("<voice name='en-IN-NeerjaNeural'>namaste</voice>");

        Map<String, String> unset = Map.of(Env.AZURE_SPEECH_KEY, "k", Env.AZURE_SPEECH_REGION, "westeurope");
        assertThat(AzureSpeechClient.fromConfig(config(unset)).orElseThrow().voice()).isEqualTo(AzureSpeechClient.DEFAULT_VOICE);

        india.put(Env.AZURE_SPEECH_LANGUAGE, "english");
        assertThatThrownBy(() -> AzureSpeechClient.fromConfig(config(india))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("AZURE_SPEECH_LANGUAGE 'english' is not a locale such as en-IN");
        india.put(Env.AZURE_SPEECH_LANGUAGE, "en-IN");
        india.put(Env.AZURE_SPEECH_VOICE, "Neerja");
        assertThatThrownBy(() -> AzureSpeechClient.fromConfig(config(india))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("AZURE_SPEECH_VOICE 'Neerja' is not a neural voice");
    }

    /** The realtime-processor's configuration with every required variable set and the given speech ones. */
    private static ServiceConfig config(Map<String, String> speech) {
        ServiceSpec spec = ServiceCatalog.get("realtime-processor");
        Map<String, String> env = new HashMap<>(speech);
        spec.env().stream().filter(EnvVar::required).forEach(v -> env.put(v.name(), "1"));
        return ServiceConfig.load(spec, env);
    }
}
