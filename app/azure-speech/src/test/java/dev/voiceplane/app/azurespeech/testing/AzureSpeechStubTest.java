package dev.voiceplane.app.azurespeech.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.speech.Wav;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stand-in refuses what Azure Speech refuses, so a client test that passes against it shows the
 * client sends the key, the path, WAV and SSML as Azure wants them
 * (https://learn.microsoft.com/azure/ai-services/speech-service/rest-speech-to-text-short,
 * https://learn.microsoft.com/azure/ai-services/speech-service/rest-text-to-speech).
 */
class AzureSpeechStubTest {

    static final String STT = "/speech/recognition/conversation/cognitiveservices/v1";
    static final String TTS = "/cognitiveservices/v1";
    static final String WAV = "audio/wav; codecs=audio/pcm; samplerate=16000";
    static final String SSML = "<speak version='1.0' xml:lang='en-US'><voice name='en-US-JennyNeural'>hi</voice></speak>";
    /** The stub answers at once; the bound only turns a hang into a failure. */
    static final Duration GENEROUS = Duration.ofSeconds(30);

    private final AzureSpeechStub stub = AzureSpeechStub.start("speech-key");
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(GENEROUS).build();

    @AfterEach
    void stop() {
        stub.close();
    }

    private int post(String pathAndQuery, String key, String contentType, String outputFormat, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stub.endpoints().sttBase() + pathAndQuery)).timeout(GENEROUS)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            request.header("Ocp-Apim-Subscription-Key", key);
        }
        if (outputFormat != null) {
            request.header("X-Microsoft-OutputFormat", outputFormat);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static byte[] wav() {
        return Wav.of(new byte[3200]);
    }

    @Test
    void anUnknownPathIsNotFoundBeforeTheKeyIsLookedAt() throws Exception {
        assertThat(post("/speech/recognition/interactive/cognitiveservices/v1?language=en-US", "speech-key", WAV, null, wav())).isEqualTo(404);
        assertThat(post("/other", null, WAV, null, wav())).isEqualTo(404);
        assertThat(stub.requests(AzureSpeechStub.STT)).isEmpty();
    }

    @Test
    void aMissingOrWrongKeyIsRefusedAndNeverRecorded() throws Exception {
        assertThat(post(STT + "?language=en-US", null, WAV, null, wav())).isEqualTo(401);
        assertThat(post(STT + "?language=en-US", "wrong-key", WAV, null, wav())).isEqualTo(401);
        assertThat(post(TTS, "Speech-Key", "application/ssml+xml", "raw-16khz-16bit-mono-pcm", SSML.getBytes())).isEqualTo(401);
        assertThat(stub.requests(AzureSpeechStub.STT)).isEmpty();
        assertThat(stub.requests(AzureSpeechStub.TTS)).isEmpty();
    }

    @Test
    void recognitionWantsSixteenKilohertzWavAndALanguage() throws Exception {
        assertThat(post(STT + "?language=en-US", "speech-key", WAV, null, wav())).isEqualTo(200);
        assertThat(post(STT + "?language=en-US", "speech-key", "audio/wav; codecs=audio/pcm; samplerate=8000", null, wav())).isEqualTo(415);
        assertThat(post(STT + "?language=en-US", "speech-key", WAV, null, new byte[3200])).as("PCM without its RIFF header").isEqualTo(415);
        assertThat(post(STT + "?format=detailed", "speech-key", WAV, null, wav())).isEqualTo(400);
    }

    @Test
    void synthesisWantsSsmlWithAVoiceAndAKnownOutputFormat() throws Exception {
        assertThat(post(TTS, "speech-key", "application/ssml+xml", "raw-16khz-16bit-mono-pcm", SSML.getBytes())).isEqualTo(200);
        assertThat(post(TTS, "speech-key", "text/plain", "raw-16khz-16bit-mono-pcm", SSML.getBytes())).isEqualTo(400);
        assertThat(post(TTS, "speech-key", "application/ssml+xml", "riff-44khz-16bit-stereo-pcm", SSML.getBytes())).isEqualTo(400);
        assertThat(post(TTS, "speech-key", "application/ssml+xml", "raw-16khz-16bit-mono-pcm", "hi".getBytes())).isEqualTo(400);
        assertThat(post(TTS, "speech-key", "application/ssml+xml", "raw-16khz-16bit-mono-pcm", "<speak>hi</speak>".getBytes())).isEqualTo(400);
    }
}
