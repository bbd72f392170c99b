package dev.voiceplane.app.realtimeprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.realtimeprocessor.testing.CallClient;
import dev.voiceplane.app.testkit.Await;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.StubService;
import dev.voiceplane.catalog.Env;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10, item 4: a transcript the analyzer refuses for good (here a call id it analysed for another
 * user, 409) was sent again every second for ever. It is dead-lettered once; a transcript the analyzer
 * could not take for now (503) is still retried until it is.
 */
class TranscriptDeadLetterTest {

    static final StubService CALLEES = StubService.start()
            .answer("POST", "/api/decisions", r -> StubService.json(200, "{\"action\":\"AI_ANSWER\",\"reason\":\"unknown-caller\",\"degraded\":false}"))
            .answer("POST", "/api/conversations", r -> StubService.json(201, "{\"state\":\"ACTIVE\"}"))
            .answer("POST", "/api/analyses", r -> r.body().contains("\"refused-")
                    ? StubService.json(409, "{\"error\":\"conflict\",\"message\":\"call already analysed for another user\"}")
                    : StubService.json(201, "{}"));

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("realtime-processor", RealtimeProcessorModule::new)
            .withEnv(Env.urlOf("smart-whitelist"), CALLEES.url())
            .withEnv(Env.urlOf("conversation-engine"), CALLEES.url())
            .withEnv(Env.urlOf("conversation-analyzer"), CALLEES.url())
            .withEnv(Env.PROCESSING_PIPELINE_TIMEOUT, "10000");

    @AfterAll
    static void stopStub() {
        CALLEES.close();
    }

    @Test
    void aTranscriptTheAnalyzerRefusesForGoodIsDeadLetteredNotRetriedForEver() throws Exception {
        assertThat(metrics()).contains("realtime_transcripts_total{result=\"dead_lettered\",service=\"realtime-processor\"} 0.0");
        CallClient call = CallClient.connect(SERVICE.baseUrl(), SERVICE.token("user-9", Role.USER));
        call.send(Map.of("type", "start", "callId", "refused-1", "userId", "user-9")).next("decision");
        call.send(Map.of("type", "turn", "text", "Hello?")).next("reply");
        call.send(Map.of("type", "end")).next("ended");
        call.close();

        Await.until(() -> metrics().contains("realtime_transcripts_total{result=\"dead_lettered\",service=\"realtime-processor\"} 1.0"));
        // Never queued for the every-second retry: one request, and nothing deferred.
        assertThat(metrics()).contains("realtime_transcripts_total{result=\"deferred\",service=\"realtime-processor\"} 0.0");
        assertThat(CALLEES.requests("POST", "/api/analyses")).filteredOn(r -> r.body().contains("\"refused-1\"")).hasSize(1);

        // The next call's transcript still reaches the analyzer.
        CallClient next = CallClient.connect(SERVICE.baseUrl(), SERVICE.token("user-9", Role.USER));
        next.send(Map.of("type", "start", "callId", "accepted-1", "userId", "user-9")).next("decision");
        next.send(Map.of("type", "turn", "text", "Hello again?")).next("reply");
        next.send(Map.of("type", "end")).next("ended");
        next.close();
        Await.until(() -> metrics().contains("realtime_transcripts_total{result=\"analysed\",service=\"realtime-processor\"} 1.0"));
    }

    private static String metrics() {
        return SERVICE.http().get("/metrics", null).raw();
    }
}
