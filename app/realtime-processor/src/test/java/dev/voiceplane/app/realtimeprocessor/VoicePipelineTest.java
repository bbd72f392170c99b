package dev.voiceplane.app.realtimeprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.azurespeech.testing.AzureSpeechStub;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.realtimeprocessor.testing.CallClient;
import dev.voiceplane.app.testkit.Await;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.StubService;
import dev.voiceplane.catalog.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Calls that speak: caller audio through the Azure Speech REST stub and the conversation turn, reply
 * audio back, in the whole-turn chain (the REST API for short audio is its speech-to-text; the
 * streaming chain's, the Speech SDK, is tested in azure-speech, and the streaming chain in
 * {@link StreamingReplyTest}).
 */
class VoicePipelineTest {

    static final AzureSpeechStub SPEECH = AzureSpeechStub.start("speech-test-key");

    static final StubService CALLEES = StubService.start()
            .answer("POST", "/api/decisions", r -> StubService.json(200, "{\"action\":\"AI_ANSWER\",\"reason\":\"unknown-caller\",\"degraded\":false}"))
            .answer("POST", "/api/conversations", r -> StubService.json(201, "{\"state\":\"ACTIVE\"}"))
            .answer("POST", "/api/analyses", r -> StubService.json(201, "{}"));

    static {
        CALLEES.answer("POST", "/api/conversations/", r -> r.path().endsWith("/end") ? StubService.json(200, "{\"state\":\"ENDED\"}")
                : StubService.json(200, "{\"seq\":1,\"intent\":\"GREETING\",\"reply\":\"Hello, how can I help?\",\"endCall\":false}"));
    }

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("realtime-processor", () -> new RealtimeProcessorModule(region -> SPEECH.endpoints(), VoiceChain.WHOLE_TURNS))
            .withEnv(Env.urlOf("smart-whitelist"), CALLEES.url())
            .withEnv(Env.urlOf("conversation-engine"), CALLEES.url())
            .withEnv(Env.urlOf("conversation-analyzer"), CALLEES.url())
            .withEnv(Env.MAX_CONCURRENT_CALLS, "3")
            .withEnv(Env.WEBSOCKET_TIMEOUT, "30000")
            .withEnv(Env.PROCESSING_PIPELINE_TIMEOUT, "10000")
            .withEnv(Env.AZURE_SPEECH_KEY, SPEECH.key())
            .withEnv(Env.AZURE_SPEECH_REGION, "westeurope");

    /** A caller's sentence: 400 ms of tone, then the 600 ms of silence after which the endpointer cuts it. */
    static final short[] SENTENCE = Tones.concat(Tones.tone(400), Tones.silence(600));

    @BeforeEach
    void resetSpeech() {
        SPEECH.reset().recognizing(pcm -> AzureSpeechStub.Result.heard("I would like to speak to Anna."));
    }

    @AfterEach
    void serverHasClosedEverySocket() {
        Await.until(() -> SERVICE.runtime().openWebSockets() == 0);
    }

    @AfterAll
    static void stopStubs() {
        SPEECH.close();
        CALLEES.close();
    }

    private static CallClient call(String callId, Map<String, ?> audio) throws Exception {
        CallClient call = CallClient.connect(SERVICE.baseUrl(), SERVICE.token("telephony-gateway", Role.SERVICE));
        Map<String, Object> start = new java.util.LinkedHashMap<>(Map.of("type", "start", "callId", callId, "userId", "user-1",
                "callerNumber", "+4930123456"));
        if (audio != null) {
            start.put("audio", audio);
        }
        assertThat(call.send(start).next().path("type").asText()).isEqualTo("decision");
        return call;
    }

    private static String metrics() {
        return SERVICE.http().get("/metrics", null).raw();
    }

    @Test
    void anUtteranceIsTranscribedAnsweredAndSpokenInOrderAndReachesTheAnalyzer() throws Exception {
        CallClient call = call("voice-1", null);

        call.stream(Tones.pcm16(SENTENCE), 640); // 20 ms frames

        JsonNode transcript = call.next();
        assertThat(transcript.path("type").asText()).isEqualTo("transcript");
        assertThat(transcript.path("text").asText()).isEqualTo("I would like to speak to Anna.");
        JsonNode reply = call.next();
        assertThat(reply.path("type").asText()).isEqualTo("reply");
        assertThat(reply.path("text").asText()).isEqualTo("Hello, how can I help?");
        assertThat(reply.path("audio").asBoolean()).isTrue();
        long audioBytes = 0;
        JsonNode frame = call.next();
        while (frame.path("type").asText().equals(CallClient.BINARY)) {
            assertThat(frame.path("bytes").asInt()).isLessThanOrEqualTo(3200); // 100 ms chunks
            audioBytes += frame.path("bytes").asLong();
            frame = call.next();
        }
        assertThat(frame.path("type").asText()).isEqualTo("audio-end");
        assertThat(frame.path("interrupted").asBoolean()).isFalse();
        assertThat(audioBytes).isEqualTo(6400).isEqualTo(frame.path("bytes").asLong()); // the stub's 0.2 s at 32 kB/s

        assertThat(SPEECH.requests(AzureSpeechStub.STT)).singleElement()
                .satisfies(r -> assertThat(r.body().length).isGreaterThan(400 * 32));
        assertThat(SPEECH.requests(AzureSpeechStub.TTS)).singleElement().satisfies(r -> {
            assertThat(r.text()).contains("Hello, how can I help?");
            assertThat(r.headers()).containsEntry("x-microsoft-outputformat", "raw-16khz-16bit-mono-pcm");
        });
        assertThat(call.send(Map.of("type", "end")).next("ended").path("analysed").asBoolean()).isTrue();
        assertThat(CALLEES.requests("POST", "/api/analyses")).anySatisfy(r -> assertThat(r.body()).contains("\"voice-1\"")
                .contains("{\"speaker\":\"CALLER\",\"text\":\"I would like to speak to Anna.\"}")
                .contains("{\"speaker\":\"ASSISTANT\",\"text\":\"Hello, how can I help?\"}"));
        assertThat(metrics()).contains("realtime_voice_turn_duration_seconds_bucket")
                .contains("realtime_voice_stage_duration_seconds_bucket{service=\"realtime-processor\",stage=\"stt\"")
                .contains("realtime_voice_stage_duration_seconds_bucket{service=\"realtime-processor\",stage=\"tts\"");
    }

    @Test
    void muLawFromATelephoneIsUnderstoodAndAnsweredInMuLaw() throws Exception {
        CallClient call = call("voice-2", Map.of("encoding", "mulaw", "sampleRate", 8000));

        call.stream(Tones.mulaw8k(SENTENCE), 160); // 20 ms at 8 kHz

        assertThat(call.next().path("type").asText()).isEqualTo("transcript");
        assertThat(call.next().path("type").asText()).isEqualTo("reply");
        assertThat(call.next("audio-end").path("bytes").asLong()).isEqualTo(1600); // 0.2 s at 8 kB/s
        assertThat(SPEECH.requests(AzureSpeechStub.STT)).singleElement() // decoded and upsampled: 16 kHz PCM, as long as the original
                .satisfies(r -> assertThat(r.body().length).isBetween(800 * 32, 1000 * 32 + 44));
        assertThat(SPEECH.requests(AzureSpeechStub.TTS).get(0).headers()).containsEntry("x-microsoft-outputformat", "raw-8khz-8bit-mono-mulaw");
        call.close();
    }

    @Test
    void silenceAloneAndNothingRecognisableGetNoAnswer() throws Exception {
        CallClient call = call("voice-3", null);

        call.stream(Tones.pcm16(Tones.silence(2000)), 3200);
        SPEECH.recognizing(pcm -> new AzureSpeechStub.Result("NoMatch", ""));
        call.stream(Tones.pcm16(SENTENCE), 3200);
        Await.until(() -> SPEECH.requests(AzureSpeechStub.STT).size() == 1);

        // Frames are answered in order: if the silence or the NoMatch had produced anything, it would come first.
        assertThat(call.send(Map.of("type", "turn", "text", "Hello?")).next().path("type").asText()).isEqualTo("reply");
        assertThat(SPEECH.requests(AzureSpeechStub.TTS)).isEmpty();
        call.close();
    }

    @Test
    void whenSpeechToTextFailsTheCallerHearsTheHoldingReply() throws Exception {
        SPEECH.failing(AzureSpeechStub.STT, 500);
        CallClient call = call("voice-4", null);

        call.stream(Tones.pcm16(SENTENCE), 3200);

        JsonNode reply = call.next();
        assertThat(reply.path("type").asText()).isEqualTo("reply"); // no transcript: nothing was understood
        assertThat(reply.path("text").asText()).isEqualTo(ConversationTurns.FALLBACK_REPLY);
        assertThat(reply.path("degraded").asBoolean()).isTrue();
        assertThat(reply.path("audio").asBoolean()).isTrue();
        assertThat(call.next().path("type").asText()).isEqualTo(CallClient.BINARY);
        assertThat(call.next("audio-end").path("interrupted").asBoolean()).isFalse();
        assertThat(metrics()).contains("voice_processing_failures_total{service=\"realtime-processor\",stage=\"stt-error\"}");
        call.close();
    }

    @Test
    void speechToTextOverTheBudgetIsATimeoutWithTheHoldingReply() throws Exception {
        SPEECH.delaying(AzureSpeechStub.STT, Duration.ofDays(1)); // held until the stub closes: the 10 s budget always runs out first
        CallClient call = call("voice-5", null);

        call.stream(Tones.pcm16(SENTENCE), 3200);

        JsonNode reply = call.next();
        assertThat(reply.path("text").asText()).isEqualTo(ConversationTurns.FALLBACK_REPLY);
        // The holding reply is two sentences, spoken one after the other: the stub's 0.2 s each.
        assertThat(call.next("audio-end").path("bytes").asLong()).isEqualTo(12800);
        assertThat(metrics()).contains("voice_processing_failures_total{service=\"realtime-processor\",stage=\"stt-timeout\"}");
        call.close();
    }

    @Test
    void whenTextToSpeechFailsTheReplyComesAsTextOnly() throws Exception {
        SPEECH.failing(AzureSpeechStub.TTS, 503);
        CallClient call = call("voice-6", null);

        call.stream(Tones.pcm16(SENTENCE), 3200);

        assertThat(call.next().path("type").asText()).isEqualTo("transcript");
        JsonNode reply = call.next();
        assertThat(reply.path("text").asText()).isEqualTo("Hello, how can I help?");
        assertThat(reply.path("audio").asBoolean()).isFalse();
        assertThat(call.send(Map.of("type", "turn", "text", "Hello?")).next().path("type").asText()).isEqualTo("reply"); // no audio came between
        assertThat(metrics()).contains("voice_processing_failures_total{service=\"realtime-processor\",stage=\"tts-error\"}");
        call.close();
    }

    @Test
    void callerSpeechDuringTheReplyStopsItsAudio() throws Exception {
        SPEECH.synthesizing(10); // 10 s of reply: paced, so most of it is still unsent when the caller talks
        CallClient call = call("voice-7", null);

        call.stream(Tones.pcm16(SENTENCE), 3200);
        call.next("transcript");
        call.next(CallClient.BINARY);
        call.stream(Tones.pcm16(Tones.tone(600)), 3200); // the caller talks over the reply, longer than a backchannel

        JsonNode end = call.next("audio-end");
        assertThat(end.path("interrupted").asBoolean()).isTrue();
        assertThat(end.path("bytes").asLong()).isLessThan(320_000);
        call.close();
    }

    @Test
    void aShortBackchannelDoesNotStopTheReply() throws Exception {
        SPEECH.synthesizing(1);
        CallClient call = call("voice-9", null);

        call.stream(Tones.pcm16(SENTENCE), 3200);
        call.next("transcript");
        call.next(CallClient.BINARY);
        call.stream(Tones.pcm16(Tones.concat(Tones.tone(200), Tones.silence(600))), 3200); // "umm": under 400 ms of voice

        JsonNode end = call.next("audio-end");
        assertThat(end.path("interrupted").asBoolean()).isFalse();
        assertThat(end.path("bytes").asLong()).isEqualTo(32_000);
        call.close();
    }

    @Test
    void aFormatTheServiceCannotTakeIsRefusedNamingTheField() throws Exception {
        CallClient call = CallClient.connect(SERVICE.baseUrl(), SERVICE.token("telephony-gateway", Role.SERVICE));

        JsonNode error = call.send(Map.of("type", "start", "callId", "voice-8", "userId", "user-1",
                "audio", Map.of("encoding", "mulaw", "sampleRate", 16000))).next();

        assertThat(error.path("code").asText()).isEqualTo("bad-request");
        assertThat(error.path("message").asText()).contains("field 'audio.sampleRate'");
        assertThat(call.sendAudio(640).next().path("message").asText()).contains("send a start frame before audio");
        call.close();
    }
}
