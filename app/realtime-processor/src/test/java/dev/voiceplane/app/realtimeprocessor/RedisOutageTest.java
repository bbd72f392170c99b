package dev.voiceplane.app.realtimeprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.realtimeprocessor.testing.CallClient;
import dev.voiceplane.app.testkit.Await;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.StubService;
import dev.voiceplane.catalog.Env;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 10: with Redis unreachable a call is still taken and each turn gets the holding reply, never an internal error. */
class RedisOutageTest {

    static final StubService CALLEES = StubService.start()
            .answer("POST", "/api/decisions", r -> StubService.json(200, "{\"action\":\"AI_ANSWER\",\"reason\":\"unknown-caller\",\"degraded\":false}"))
            .answer("POST", "/api/conversations", r -> StubService.json(201, "{\"state\":\"ACTIVE\"}"))
            .answer("POST", "/api/analyses", r -> StubService.json(201, "{}"));

    static {
        CALLEES.answer("POST", "/api/conversations/", r -> r.path().endsWith("/end") ? StubService.json(200, "{\"state\":\"ENDED\"}")
                : StubService.json(200, "{\"seq\":1,\"intent\":\"GREETING\",\"reply\":\"Hello, how can I help?\",\"endCall\":false}"));
    }

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("realtime-processor", RealtimeProcessorModule::new)
            .withEnv(Env.urlOf("smart-whitelist"), CALLEES.url())
            .withEnv(Env.urlOf("conversation-engine"), CALLEES.url())
            .withEnv(Env.urlOf("conversation-analyzer"), CALLEES.url())
            .withEnv(Env.REDIS_PORT, String.valueOf(closedPort()))
            .withEnv(Env.MAX_CONCURRENT_CALLS, "3")
            .withEnv(Env.WEBSOCKET_TIMEOUT, "30000")
            .withEnv(Env.PROCESSING_PIPELINE_TIMEOUT, "10000");

    @AfterAll
    static void stopStub() {
        CALLEES.close();
    }

    @Test
    void aCallWithoutRedisGetsADegradedDecisionHoldingRepliesAndItsTranscriptReachesTheAnalyzer() throws Exception {
        CallClient call = CallClient.connect(SERVICE.baseUrl(), SERVICE.token("telephony-gateway", Role.SERVICE));
        JsonNode decision = call.send(Map.of("type", "start", "callId", "outage-1", "userId", "user-1", "callerNumber", "+4930123456")).next();
        assertThat(decision.path("type").asText()).isEqualTo("decision");
        assertThat(decision.path("action").asText()).isEqualTo("AI_ANSWER");
        assertThat(decision.path("degraded").asBoolean()).isTrue();

        JsonNode reply = call.send(Map.of("type", "turn", "text", "Is anyone there?")).next();
        assertThat(reply.path("type").asText()).isEqualTo("reply");
        assertThat(reply.path("text").asText()).isEqualTo(ConversationTurns.FALLBACK_REPLY);
        assertThat(reply.path("degraded").asBoolean()).isTrue();

        assertThat(call.send(Map.of("type", "end")).next("ended").path("analysed").asBoolean()).isTrue();
        Await.until(() -> CALLEES.requests("POST", "/api/analyses").stream()
                .anyMatch(r -> r.body().contains("\"outage-1\"") && r.body().contains("Is anyone there?")));
        assertThat(SERVICE.http().get("/metrics", null).raw())
                .containsPattern("voice_processing_failures_total\\{service=\"realtime-processor\",stage=\"store\"} [1-9]");
    }

    /** A port nothing listens on: bound, then released. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
