package dev.voiceplane.app.realtimeprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.ws.WebSocketSessions;
import dev.voiceplane.app.realtimeprocessor.testing.CallClient;
import dev.voiceplane.app.testkit.Await;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.StubService;
import dev.voiceplane.catalog.Env;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RealtimeProcessorApiTest {

    static final String SPAMMER = "+15550000001";
    static final String FRIEND = "+4930123456";
    static volatile CountDownLatch slowTurn = new CountDownLatch(0);
    /** Never counted down before the class ends: a turn that waits on it gets no answer within any budget. */
    static final CountDownLatch NEVER = new CountDownLatch(1);

    /** One stub plays smart-whitelist, conversation-engine and conversation-analyzer: their paths do not overlap. */
    static final StubService CALLEES = StubService.start()
            .answer("POST", "/api/decisions", r -> StubService.json(200, r.body().contains(SPAMMER)
                    ? "{\"action\":\"BLOCK\",\"reason\":\"blocklist\",\"degraded\":false}"
                    : "{\"action\":\"AI_ANSWER\",\"reason\":\"unknown-caller\",\"degraded\":false}"))
            .answer("POST", "/api/conversations", r -> StubService.json(201, "{\"state\":\"ACTIVE\"}"))
            .answer("POST", "/api/analyses", r -> StubService.json(201, "{}"));

    static {
        CALLEES.answer("POST", "/api/conversations/", r -> {
            if (r.path().endsWith("/end")) {
                return StubService.json(200, "{\"state\":\"ENDED\"}");
            }
            if (r.body().contains("hold on")) {
                await(slowTurn);
            }
            if (r.body().contains("too slow")) {
                await(NEVER); // never answers within the turn budget: held until the class ends
            }
            int seq = (int) CALLEES.requests("POST", r.path()).size();
            return StubService.json(200, "{\"seq\":" + seq + ",\"intent\":\"GREETING\",\"reply\":\"Hello, how can I help?\",\"endCall\":false}");
        });
    }

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("realtime-processor", RealtimeProcessorModule::new)
            .withEnv(Env.urlOf("smart-whitelist"), CALLEES.url())
            .withEnv(Env.urlOf("conversation-engine"), CALLEES.url())
            .withEnv(Env.urlOf("conversation-analyzer"), CALLEES.url())
            .withEnv(Env.MAX_CONCURRENT_CALLS, "3")
            .withEnv(Env.WEBSOCKET_TIMEOUT, "15000") // above the turn budget: a turn over budget must not idle the socket out
            .withEnv(Env.PROCESSING_PIPELINE_TIMEOUT, "10000");

    @AfterAll
    static void stopStub() {
        slowTurn.countDown();
        NEVER.countDown();
        CALLEES.close();
    }

    /**
     * The tests share one replica with room for three calls, and a client's close reaches the
     * server after the client's call returns: wait until the server has let go of every socket so
     * that no test inherits another's sockets as used capacity.
     */
    @AfterEach
    void serverHasClosedEverySocket() {
        Await.until(() -> SERVICE.runtime().openWebSockets() == 0);
    }

    private static String gateway() {
        return SERVICE.token("telephony-gateway", Role.SERVICE);
    }

    private static CallClient connect() throws Exception {
        return CallClient.connect(SERVICE.baseUrl(), gateway());
    }

    private static Map<String, String> start(String callId, String userId, String caller) {
        return Map.of("type", "start", "callId", callId, "userId", userId, "callerNumber", caller);
    }

    @Test
    void anAiAnsweredCallRoutesTurnsToTheEngineAndTheTranscriptToTheAnalyzer() throws Exception {
        CallClient call = connect();

        JsonNode decision = call.send(start("call-1", "user-1", FRIEND)).next();
        assertThat(decision.path("type").asText()).isEqualTo("decision");
        assertThat(decision.path("action").asText()).isEqualTo("AI_ANSWER");
        assertThat(SERVICE.http().get("/metrics", null).raw()).contains("active_calls{service=\"realtime-processor\"} 1.0");
        assertThat(SERVICE.http().get("/api/calls/call-1", gateway()).json().path("call").path("action").asText()).isEqualTo("AI_ANSWER");
        assertThat(SERVICE.http().get("/api/calls/call-1", SERVICE.token("user-2", Role.USER)).status()).isEqualTo(403);
        assertThat(SERVICE.http().get("/api/calls/call-1", null).status()).isEqualTo(401);
        assertThat(SERVICE.http().get("/api/calls/bad%20id", gateway()).text("message")).contains("parameter 'callId'");

        JsonNode reply = call.send(Map.of("type", "turn", "text", "Hello, good morning")).next();
        assertThat(reply.path("text").asText()).isEqualTo("Hello, how can I help?");
        assertThat(reply.path("degraded").asBoolean()).isFalse();

        // Without Azure Speech the offline engines listen: silence is no utterance, and text turns go on in between.
        assertThat(call.sendAudio(320).sendAudio(320).send(Map.of("type", "turn", "text", "Are you there?")).next().path("type").asText())
                .isEqualTo("reply");

        JsonNode ended = call.send(Map.of("type", "end")).next();
        assertThat(ended.path("analysed").asBoolean()).isTrue();
        assertThat(call.closeCode()).isEqualTo(CallSessions.NORMAL);
        assertThat(CALLEES.requests("POST", "/api/analyses")).anySatisfy(r -> assertThat(r.body())
                .contains("\"callId\":\"call-1\"").contains("{\"speaker\":\"CALLER\",\"text\":\"Hello, good morning\"}"));
        assertThat(SERVICE.http().get("/metrics", null).raw()).contains("realtime_audio_frames_total").contains("realtime_turn_duration_seconds_bucket");
    }

    @Test
    void aBlockedCallerIsToldAndTheSocketClosed() throws Exception {
        CallClient call = connect();
        assertThat(call.send(start("call-2", "user-1", SPAMMER)).next().path("action").asText()).isEqualTo("BLOCK");
        assertThat(call.next().path("type").asText()).isEqualTo("ended");
        assertThat(call.closeCode()).isEqualTo(CallSessions.NORMAL);
    }

    @Test
    void theSocketNeedsAValidTokenWithACallRole() throws Exception {
        assertThat(CallClient.refusedStatus(SERVICE.baseUrl(), null)).isEqualTo(401);
        assertThat(CallClient.refusedStatus(SERVICE.baseUrl(), "forged.token.value")).isEqualTo(401);
        assertThat(CallClient.refusedStatus(SERVICE.baseUrl(), SERVICE.token("nobody"))).isEqualTo(403);

        CallClient user = CallClient.connect(SERVICE.baseUrl(), SERVICE.token("user-7", Role.USER));
        JsonNode refused = user.send(start("call-3", "user-8", FRIEND)).next();
        assertThat(refused.path("code").asText()).isEqualTo("forbidden");
        user.close();
    }

    @Test
    void badFramesAreAnsweredWithAClearError() throws Exception {
        CallClient call = connect();
        assertThat(call.sendRaw("not json").next().path("message").asText()).contains("JSON");
        assertThat(call.send(Map.of("type", "turn", "text", "hi")).next().path("message").asText()).contains("start frame");
        assertThat(call.send(start("call-4", "user-1", "12345")).next().path("message").asText()).contains("callerNumber");
        assertThat(call.send(Map.of("type", "dance")).next().path("message").asText()).contains("unknown frame type 'dance'");
        call.close();
    }

    @Test
    void aTurnOverItsBudgetGetsAHoldingReply() throws Exception {
        CallClient call = connect();
        call.send(start("call-5", "user-1", FRIEND)).next();
        JsonNode reply = call.send(Map.of("type", "turn", "text", "this is too slow")).next();
        assertThat(reply.path("degraded").asBoolean()).isTrue();
        assertThat(reply.path("text").asText()).isEqualTo(ConversationTurns.FALLBACK_REPLY);
        assertThat(SERVICE.http().get("/metrics", null).raw()).contains("voice_processing_failures_total{service=\"realtime-processor\",stage=\"turn-timeout\"}");
        call.close();
    }

    @Test
    void anIdleSocketIsClosedAndItsCallFinished() throws Exception {
        CallClient call = connect();
        call.send(start("call-6", "user-1", FRIEND)).next();
        call.send(Map.of("type", "turn", "text", "Hello?")).next();

        assertThat(call.closeCode()).isEqualTo(WebSocketSessions.GOING_AWAY); // Jetty closes idle sockets with 1001
        Await.until(() -> CALLEES.requests("POST", "/api/analyses").stream().anyMatch(r -> r.body().contains("\"call-6\"")));
    }

    @Test
    void aFullReplicaRefusesMoreCalls() throws Exception {
        List<CallClient> calls = List.of(connect(), connect(), connect());
        // The client sees 101 before the server has run its connect handler; count from the server.
        Await.until(() -> SERVICE.runtime().openWebSockets() == 3);
        assertThat(CallClient.refusedStatus(SERVICE.baseUrl(), gateway())).isEqualTo(503);
        calls.forEach(CallClient::close);
    }

    @Test
    void shutdownFinishesTheTurnInFlightThenSendsGoingAwayAndTheCallResumesElsewhere() throws Exception {
        CallClient call = connect();
        call.send(start("call-7", "user-1", FRIEND)).next();
        call.send(Map.of("type", "turn", "text", "first turn")).next();

        slowTurn = new CountDownLatch(1);
        call.send(Map.of("type", "turn", "text", "hold on"));
        Await.until(() -> CALLEES.requests("POST", "/api/conversations/call-7/turns").size() == 2);
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(SERVICE::stop);
        assertStillRunning(stopping);
        slowTurn.countDown();

        assertThat(call.next().path("type").asText()).isEqualTo("reply"); // the in-flight turn was answered
        assertThat(call.closeCode()).isEqualTo(WebSocketSessions.GOING_AWAY);
        stopping.get(60, TimeUnit.SECONDS);

        SERVICE.start(); // "another replica" on the same Redis
        CallClient resumed = connect();
        JsonNode decision = resumed.send(start("call-7", "user-1", FRIEND)).next();
        assertThat(decision.path("resumed").asBoolean()).isTrue();
        resumed.send(Map.of("type", "end")).next();
        assertThat(CALLEES.requests("POST", "/api/analyses")).anySatisfy(r -> assertThat(r.body())
                .contains("\"call-7\"").contains("first turn").contains("hold on"));
    }

    @Test
    void whenTheWhitelistIsDownTheAiScreensTheCall() throws Exception {
        CALLEES.down(true);
        try {
            CallClient call = connect();
            JsonNode decision = call.send(start("call-8", "user-1", FRIEND)).next();
            assertThat(decision.path("action").asText()).isEqualTo("AI_ANSWER");
            assertThat(decision.path("degraded").asBoolean()).isTrue();
            call.close();
        } finally {
            CALLEES.down(false);
        }
    }

    private static void assertStillRunning(CompletableFuture<Void> stopping) throws Exception {
        try {
            stopping.get(300, TimeUnit.MILLISECONDS);
            throw new AssertionError("shutdown finished while a turn was in flight");
        } catch (TimeoutException expected) {
            // still draining, as it should be
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS); // far beyond the 10 s turn budget: the budget always runs out first
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
