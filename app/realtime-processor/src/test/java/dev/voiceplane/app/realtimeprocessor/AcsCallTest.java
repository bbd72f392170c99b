package dev.voiceplane.app.realtimeprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.realtimeprocessor.testing.AcsCaller;
import dev.voiceplane.app.realtimeprocessor.testing.AcsStandIn;
import dev.voiceplane.app.speech.SpeechEngines;
import dev.voiceplane.app.speech.SpeechFormat;
import dev.voiceplane.app.testkit.Await;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.StubService;
import dev.voiceplane.catalog.Env;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A phone call through Azure Communication Services, end to end on one machine: Event Grid's
 * IncomingCall, the answer through a Call Automation stand-in, and the bidirectional media stream
 * with FreeTTS speech in real time as PCM 16 kHz; the offline engines answer, Sphinx4 hears the answer.
 */
class AcsCallTest {

    static final String SECRET = "acs-webhook-secret";
    static final AcsStandIn ACS = AcsStandIn.start();

    static final StubService CALLEES = PhoneCallees.start();

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("realtime-processor", () -> new RealtimeProcessorModule(SpeechEngines.offline()).withAcsOpenIdConfiguration(ACS.openIdConfiguration()))
            .withEnv(Env.urlOf("smart-whitelist"), CALLEES.url())
            .withEnv(Env.urlOf("conversation-engine"), CALLEES.url())
            .withEnv(Env.urlOf("conversation-analyzer"), CALLEES.url())
            .withEnv(Env.MAX_CONCURRENT_CALLS, "2")
            .withEnv(Env.WEBSOCKET_TIMEOUT, "120000")
            .withEnv(Env.PROCESSING_PIPELINE_TIMEOUT, "60000") // the offline engines on a busy 2-core machine: not a latency test
            .withEnv(Env.ACS_CONNECTION_STRING, ACS.connectionString())
            .withEnv(Env.ACS_WEBHOOK_SECRET, SECRET)
            .withEnv(Env.ACS_RESOURCE_ID, AcsStandIn.RESOURCE_ID);

    @AfterEach
    void serverHasClosedEveryStream() {
        // A hang-up lets the utterance in flight finish first (its turn belongs in the transcript), and the
        // offline recognizer on a busy 2-core machine can take many seconds for it.
        Await.until(() -> SERVICE.runtime().openWebSockets() == 0, OfflineVoices.GENEROUS);
    }

    @AfterAll
    static void stop() {
        ACS.close();
        CALLEES.close();
    }

    static String webhook(String user, String secret) {
        return SERVICE.baseUrl() + AcsIncomingCallWebhook.PATH + "?user=" + user + "&code=" + secret;
    }

    @Test
    void eventGridsValidationHandshakeIsAnsweredAndAForgedDeliveryRefused() throws Exception {
        assertThat(AcsCaller.validate(webhook("user-1", SECRET), "512d38b6-c7b8-40c8-89fe-f46f9e9622b6"))
                .isEqualTo("{\"validationResponse\":\"512d38b6-c7b8-40c8-89fe-f46f9e9622b6\"}");
        assertThat(AcsCaller.ring(webhook("user-1", "wrong"), "acs-forged", PhoneCallees.CALLER)).isEqualTo(401);
        assertThat(ACS.requests()).noneSatisfy(r -> assertThat(r.body().toString()).contains("acs-forged"));
    }

    @Test
    void aMediaStreamNotSignedByAcsForThisResourceIsClosedBeforeAnyAudio() throws Exception {
        assertThat(AcsCaller.ring(webhook("user-1", SECRET), "acs-unsigned", PhoneCallees.CALLER)).isEqualTo(200);
        String transport = ACS.nextTransportUrl(); // a valid stream token of ours in the URL: only ACS's signature is missing

        try (AcsCaller unsigned = AcsCaller.connect(transport, null)) {
            assertThat(unsigned.closeCode()).isEqualTo(1008);
        }
        try (AcsCaller otherResource = AcsCaller.connect(transport, ACS.authorizationForAnotherResource())) {
            assertThat(otherResource.closeCode()).isEqualTo(1008);
        }
        assertThat(SERVICE.http().get("/metrics", null).raw())
                .containsPattern("realtime_telephony_messages_total\\{event=\"refused\",provider=\"acs\",service=\"realtime-processor\"} 2.0");
    }

    @Test
    void aCallersWordsAreRecognisedDecidedOnByTheirNumberAndAnsweredInSpeech() throws Exception {
        assertThat(AcsCaller.ring(webhook("user-1", SECRET), "acs-call-1", PhoneCallees.CALLER)).isEqualTo(200);
        JsonNode answer = ACS.requests().stream().filter(r -> r.action().equals("answer")).reduce((a, b) -> b).orElseThrow().body();
        assertThat(answer.path("incomingCallContext").asText()).endsWith("acs-call-1");
        assertThat(answer.path("mediaStreamingOptions").path("transportType").asText()).isEqualTo("websocket");
        assertThat(answer.path("mediaStreamingOptions").path("enableBidirectional").asBoolean()).isTrue();
        assertThat(answer.path("mediaStreamingOptions").path("audioFormat").asText()).isEqualTo("pcm16KMono");
        byte[] expected = OfflineVoices.speech(PhoneCallees.REPLY, SpeechFormat.PCM_16K);

        try (AcsCaller call = AcsCaller.connect(ACS.nextTransportUrl(), ACS.authorization())) {
            call.say(OfflineVoices.caller("Please call me back tomorrow morning."), true);

            Await.until(() -> call.answerPcm16k().length >= expected.length, OfflineVoices.GENEROUS);
            assertThat(CALLEES.requests("POST", "/api/decisions")).anySatisfy(r -> assertThat(r.body())
                    .contains("\"callerNumber\":\"" + PhoneCallees.CALLER + "\"").contains("\"userId\":\"user-1\""));
            assertThat(CALLEES.requests("POST", "/api/conversations/acs-call-1/turns")).singleElement()
                    .satisfies(r -> assertThat(r.body().toLowerCase(Locale.ROOT)).contains("call").contains("back").contains("tomorrow"));
            assertThat(OfflineVoices.recognise(call.answerPcm16k())).contains("thank").contains("message");
        }
    }

    @Test
    void aStreamAt24kHzIsHeardAndAnsweredAt24kHz() throws Exception {
        assertThat(AcsCaller.ring(webhook("user-1", SECRET), "acs-call-24k", PhoneCallees.CALLER)).isEqualTo(200);
        byte[] expected = OfflineVoices.speech(PhoneCallees.REPLY, SpeechFormat.PCM_24K);

        try (AcsCaller call = AcsCaller.connect(ACS.nextTransportUrl(), ACS.authorization(), 24_000)) {
            call.say(OfflineVoices.caller("Please call me back tomorrow morning."), true);

            Await.until(() -> call.answerAudio().length >= expected.length, OfflineVoices.GENEROUS);
            // Resampled twice on the way (24 kHz to the pipeline's 16 kHz and the caller's side), so only the clearest words are asserted.
            assertThat(CALLEES.requests("POST", "/api/conversations/acs-call-24k/turns")).singleElement()
                    .satisfies(r -> assertThat(r.body().toLowerCase(Locale.ROOT)).contains("back").contains("tomorrow"));
            assertThat(OfflineVoices.recognise(call.answerPcm16k())).contains("thank").contains("message");
        }
    }

    @Test
    void callerSpeechOverTheReplyStopsItsAudio() throws Exception {
        assertThat(AcsCaller.ring(webhook("user-1", SECRET), "acs-barge", PhoneCallees.CALLER)).isEqualTo(200);
        byte[] full = OfflineVoices.speech(PhoneCallees.LONG_REPLY, SpeechFormat.PCM_16K);
        try (AcsCaller call = AcsCaller.connect(ACS.nextTransportUrl(), ACS.authorization())) {
            call.say(OfflineVoices.caller("Hello, is anybody there?"), true);
            call.next("AudioData");

            call.say(OfflineVoices.caller("Stop, please wait a moment."), true);

            call.next("StopAudio");
            int heard = call.answerPcm16k().length;
            assertThat(heard).isLessThan(full.length); // the long reply stopped well before its end
        }
    }

    @Test
    void throttlingIsRetriedAfterRetryAfterAndAnErrorLeavesTheCallUnanswered() throws Exception {
        ACS.failingNext(429);
        assertThat(AcsCaller.ring(webhook("user-2", SECRET), "acs-throttled", PhoneCallees.CALLER)).isEqualTo(200);
        assertThat(ACS.requests()).anySatisfy(r -> assertThat(r.body().path("incomingCallContext").asText()).endsWith("acs-throttled"));
        AcsCaller.connect(ACS.nextTransportUrl(), ACS.authorization()).close();

        ACS.failingNext(500);
        assertThat(AcsCaller.ring(webhook("user-2", SECRET), "acs-failed", PhoneCallees.CALLER)).isEqualTo(200);
        assertThat(ACS.requests()).noneSatisfy(r -> assertThat(r.body().path("incomingCallContext").asText()).endsWith("acs-failed"));
        assertThat(SERVICE.http().get("/metrics", null).raw())
                .containsPattern("realtime_telephony_webhooks_total\\{provider=\"acs\",result=\"answer-failed\",service=\"realtime-processor\"} 1.0");
    }
}
