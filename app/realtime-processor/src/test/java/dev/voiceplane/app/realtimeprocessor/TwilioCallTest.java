package dev.voiceplane.app.realtimeprocessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceplane.app.realtimeprocessor.testing.TwilioApiStandIn;
import dev.voiceplane.app.realtimeprocessor.testing.TwilioCaller;
import dev.voiceplane.app.speech.SpeechEngines;
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
 * A real phone call over Twilio Media Streams, end to end on one machine: FreeTTS speaks the
 * caller's words, they stream in real time as μ-law over the Twilio wire, the offline engines
 * recognise and answer them, and Sphinx4 turns the answer audio back into words.
 */
class TwilioCallTest {

    static final String AUTH_TOKEN = "twilio-test-auth-token";

    static final StubService CALLEES = PhoneCallees.start();
    static final TwilioApiStandIn TWILIO_API = TwilioApiStandIn.start(AUTH_TOKEN);
    static final String OWNER = "+4930999888";

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("realtime-processor", () -> new RealtimeProcessorModule(SpeechEngines.offline()).withTwilioApi(TWILIO_API.url()))
            .withEnv(Env.urlOf("smart-whitelist"), CALLEES.url())
            .withEnv(Env.urlOf("conversation-engine"), CALLEES.url())
            .withEnv(Env.urlOf("conversation-analyzer"), CALLEES.url())
            .withEnv(Env.MAX_CONCURRENT_CALLS, "2")
            .withEnv(Env.WEBSOCKET_TIMEOUT, "120000")
            .withEnv(Env.PROCESSING_PIPELINE_TIMEOUT, "60000") // the offline engines on a busy 2-core machine: not a latency test
            .withEnv(Env.TWILIO_AUTH_TOKEN, AUTH_TOKEN)
            .withEnv(Env.PUT_THROUGH_NUMBER, OWNER);

    /** A test starts with every place of the replica free: the server has let go of the last test's streams. */
    @AfterEach
    void serverHasClosedEveryStream() {
        // A hang-up lets the utterance in flight finish first (its turn belongs in the transcript), and the
        // offline recognizer on a busy 2-core machine can take many seconds for it.
        Await.until(() -> SERVICE.runtime().openWebSockets() == 0, OfflineVoices.GENEROUS);
    }

    @AfterAll
    static void stopTwilioApi() {
        TWILIO_API.close();
    }

    @AfterAll
    static void stopStub() {
        CALLEES.close();
    }

    @Test
    void aCallersWordsAreRecognisedDecidedOnByTheirNumberAndAnsweredInSpeech() throws Exception {
        try (TwilioCaller call = TwilioCaller.dial(SERVICE.baseUrl(), AUTH_TOKEN, "user-1", PhoneCallees.CALLER, "CAtwilio1")) {
            call.say(OfflineVoices.caller("Please call me back tomorrow morning."), true);

            call.next("mark"); // the reply's audio has all been sent (and, as Twilio tells by echoing it, played)
            assertThat(CALLEES.requests("POST", "/api/decisions")).anySatisfy(r -> assertThat(r.body())
                    .contains("\"callerNumber\":\"" + PhoneCallees.CALLER + "\"").contains("\"userId\":\"user-1\""));
            assertThat(CALLEES.requests("POST", "/api/conversations/CAtwilio1/turns")).singleElement()
                    .satisfies(r -> assertThat(r.body().toLowerCase(Locale.ROOT)).contains("call").contains("back").contains("tomorrow"));
            String answer = OfflineVoices.recognise(call.answerPcm16k());
            assertThat(answer).contains("calling").contains("please").contains("leave"); // μ-law at 8 kHz: Sphinx hears "thank you" and "message" poorly
        }
        Await.until(() -> CALLEES.requests("POST", "/api/analyses").stream().anyMatch(r -> r.body().contains("\"CAtwilio1\"")
                && r.body().contains("\"callerNumber\":\"" + PhoneCallees.CALLER + "\",\"callerAsserted\":true")), OfflineVoices.GENEROUS);
    }

    @Test
    void callerSpeechOverTheReplyClearsTwiliosBufferAndStopsThePlayback() throws Exception {
        int full = OfflineVoices.speech(PhoneCallees.LONG_REPLY, dev.voiceplane.app.speech.SpeechFormat.MULAW_8K).length;
        try (TwilioCaller call = TwilioCaller.dial(SERVICE.baseUrl(), AUTH_TOKEN, "user-1", PhoneCallees.CALLER, "CAbarge")) {
            call.say(OfflineVoices.caller("Hello, is anybody there?"), true);
            call.next("media");

            call.say(OfflineVoices.caller("Stop, please wait a moment."), true);

            call.next("clear");
            int heard = call.answerAudio().length;
            assertThat(heard).isLessThan(full); // the long reply stopped well before its end
        }
    }

    @Test
    void aCallerPutThroughIsForwardedToTheOwnersNumberByUpdatingTheLiveCall() throws Exception {
        String callSid = "CA" + "0a1b2c3d4e5f6789".repeat(2);
        try (TwilioCaller call = TwilioCaller.dial(SERVICE.baseUrl(), AUTH_TOKEN, "user-1", PhoneCallees.FRIEND, callSid)) {
            assertThat(call.closeCode()).isEqualTo(CallSessions.NORMAL);
            assertThat(call.answerAudio()).isEmpty();
        }
        assertThat(TWILIO_API.updates()).singleElement().satisfies(update -> {
            assertThat(update.callSid()).isEqualTo(callSid);
            assertThat(update.twiml()).isEqualTo("<Response><Dial>" + OWNER + "</Dial></Response>");
        });
        assertThat(SERVICE.http().get("/metrics", null).raw())
                .contains("realtime_put_through_total{result=\"forwarded\",service=\"realtime-processor\"} 1.0");
    }

    @Test
    void aBlockedCallerIsDecidedOnTheNumberTwilioGaveAndHungUp() throws Exception {
        try (TwilioCaller call = TwilioCaller.dial(SERVICE.baseUrl(), AUTH_TOKEN, "user-1", PhoneCallees.BLOCKED, "CAtwilio2")) {
            assertThat(call.closeCode()).isEqualTo(CallSessions.NORMAL);
            assertThat(call.answerAudio()).isEmpty();
        }
        assertThat(CALLEES.requests("POST", "/api/decisions")).anySatisfy(r -> assertThat(r.body()).contains(PhoneCallees.BLOCKED));
    }

    @Test
    void aForgedWebhookIsRefusedAndAStreamWithoutATokenIsClosed() throws Exception {
        assertThatThrownBy(() -> TwilioCaller.dial(SERVICE.baseUrl(), "not-the-auth-token", "user-1", PhoneCallees.CALLER, "CAforged"))
                .isInstanceOfSatisfying(TwilioCaller.Refused.class, refused -> assertThat(refused.status).isEqualTo(403));
        assertThat(CALLEES.requests("POST", "/api/decisions")).noneSatisfy(r -> assertThat(r.body()).contains("CAforged"));
    }

    /** Twilio sends every webhook from its own few addresses: a per-address limit would start refusing calls. */
    @Test
    void webhooksAreNotRateLimitedPerAddress() throws Exception {
        for (int i = 0; i < 70; i++) { // core's anonymous limit is 60 a minute per address
            int call = i;
            assertThatThrownBy(() -> TwilioCaller.dial(SERVICE.baseUrl(), "not-the-auth-token", "user-1", PhoneCallees.CALLER, "CAmany" + call))
                    .isInstanceOfSatisfying(TwilioCaller.Refused.class, refused -> assertThat(refused.status).isEqualTo(403));
        }
    }

    @Test
    void aFullReplicaAnswersBusyRatherThanHalfServingTheCall() throws Exception {
        try (TwilioCaller first = TwilioCaller.dial(SERVICE.baseUrl(), AUTH_TOKEN, "user-1", PhoneCallees.CALLER, "CAfull1");
                TwilioCaller second = TwilioCaller.dial(SERVICE.baseUrl(), AUTH_TOKEN, "user-2", PhoneCallees.CALLER, "CAfull2")) {
            assertThatThrownBy(() -> TwilioCaller.dial(SERVICE.baseUrl(), AUTH_TOKEN, "user-3", PhoneCallees.CALLER, "CAfull3"))
                    .isInstanceOfSatisfying(TwilioCaller.Refused.class, refused -> assertThat(refused.twiml).contains("<Reject reason=\"busy\"/>"));
        }
    }
}
