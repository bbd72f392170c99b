package dev.voiceplane.app.realtimeprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.realtimeprocessor.testing.CallClient;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.StubService;
import dev.voiceplane.catalog.Env;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.JedisPooled;

/**
 * Issue 10, item 4: a transcript conversation-analyzer refuses for good (409: the call id was analysed
 * for another user) is dead-lettered after one request, not sent again every second for ever; one it
 * cannot take now (503) waits for the retry; one it takes is analysed at once.
 */
class RefusedTranscriptTest {

    static final StubService CALLEES = StubService.start()
            .answer("POST", "/api/decisions", r -> StubService.json(200, "{\"action\":\"AI_ANSWER\",\"reason\":\"unknown-caller\",\"degraded\":false}"))
            .answer("POST", "/api/conversations", r -> StubService.json(201, "{\"state\":\"ACTIVE\"}"))
            .answer("POST", "/api/analyses", r -> r.body().contains("\"refused-call\"")
                    ? StubService.json(409, "{\"status\":409,\"message\":\"call refused-call was analysed for another user\"}")
                    : r.body().contains("\"later-call\"")
                            ? StubService.json(503, "{\"status\":503,\"message\":\"database unavailable\"}")
                            : StubService.json(201, "{}"));

    static {
        CALLEES.answer("POST", "/api/conversations/", r -> r.path().endsWith("/end") ? StubService.json(200, "{\"state\":\"ENDED\"}")
                : StubService.json(200, "{\"seq\":1,\"intent\":\"GREETING\",\"reply\":\"Hello, how can I help?\",\"endCall\":false}"));
    }

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("realtime-processor", RealtimeProcessorModule::new)
            .withEnv(Env.urlOf("smart-whitelist"), CALLEES.url())
            .withEnv(Env.urlOf("conversation-engine"), CALLEES.url())
            .withEnv(Env.urlOf("conversation-analyzer"), CALLEES.url())
            .withEnv(Env.MAX_CONCURRENT_CALLS, "3")
            .withEnv(Env.WEBSOCKET_TIMEOUT, "30000")
            .withEnv(Env.PROCESSING_PIPELINE_TIMEOUT, "10000");

    @AfterAll
    static void stopStub() {
        CALLEES.close();
    }

    @Test
    void aTranscriptRefusedForGoodIsDeadLetteredAndOneRefusedForNowWaitsForTheRetry() throws Exception {
        // The counter is exported before the first dead letter, so rate() sees the first one.
        assertThat(metrics()).contains("realtime_transcripts_total{result=\"dead_lettered\",service=\"realtime-processor\"} 0.0");
        assertThat(endedCall("refused-call")).isFalse();
        assertThat(endedCall("later-call")).isFalse();
        try (JedisPooled redis = new JedisPooled("127.0.0.1", SERVICE.stores().redisPort())) {
            assertThat(redis.lrange("realtime-processor:pending-analysis", 0, -1)).contains("later-call").doesNotContain("refused-call");
            assertThat(redis.lrange("realtime-processor:dead-analysis", 0, -1)).containsExactly("refused-call");
        }
        assertThat(metrics()).contains("realtime_transcripts_total{result=\"dead_lettered\",service=\"realtime-processor\"} 1.0");
        assertThat(CALLEES.requests("POST", "/api/analyses")).filteredOn(r -> r.body().contains("\"refused-call\"")).hasSize(1);

        // The next call's transcript still reaches the analyzer.
        assertThat(endedCall("accepted-call")).isTrue();
        assertThat(metrics()).contains("realtime_transcripts_total{result=\"analysed\",service=\"realtime-processor\"} 1.0");
    }

    private static String metrics() {
        return SERVICE.http().get("/metrics", null).raw();
    }

    /** A call with one turn, ended; whether the analyzer took its transcript at once. */
    private static boolean endedCall(String callId) throws Exception {
        CallClient call = CallClient.connect(SERVICE.baseUrl(), SERVICE.token("telephony-gateway", Role.SERVICE));
        call.send(Map.of("type", "start", "callId", callId, "userId", "user-1", "callerNumber", "+4930123456")).next();
        call.send(Map.of("type", "turn", "text", "Hello?")).next();
        return call.send(Map.of("type", "end")).next("ended").path("analysed").asBoolean();
    }
}
