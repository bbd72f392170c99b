package dev.voiceplane.app.realtimeprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.realtimeprocessor.testing.CallClient;
import dev.voiceplane.app.testkit.Await;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.StubService;
import dev.voiceplane.catalog.Env;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 10's call-path abuse: forged caller numbers, one user taking every slot, counters that appear late, leaked sessions. */
class CallAbuseTest {

    static final StubService CALLEES = StubService.start()
            .answer("POST", "/api/decisions", r -> StubService.json(200, "{\"action\":\"AI_ANSWER\",\"reason\":\"unknown-caller\",\"degraded\":false}"))
            .answer("POST", "/api/conversations", r -> StubService.json(201, "{\"state\":\"ACTIVE\"}"))
            .answer("POST", "/api/analyses", r -> StubService.json(201, "{}"));

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("realtime-processor", RealtimeProcessorModule::new)
            .withEnv(Env.urlOf("smart-whitelist"), CALLEES.url())
            .withEnv(Env.urlOf("conversation-engine"), CALLEES.url())
            .withEnv(Env.urlOf("conversation-analyzer"), CALLEES.url())
            .withEnv(Env.MAX_CONCURRENT_CALLS, "6")
            .withEnv(Env.MAX_CALLS_PER_USER, "2")
            .withEnv(Env.WEBSOCKET_TIMEOUT, "30000")
            .withEnv(Env.PROCESSING_PIPELINE_TIMEOUT, "10000");

    @AfterEach
    void serverHasClosedEverySocket() {
        Await.until(() -> SERVICE.runtime().openWebSockets() == 0);
    }

    @AfterAll
    static void stopStub() {
        CALLEES.close();
    }

    @Test
    void aUserTokenCannotAssertACallerNumberAndTheWhitelistNeverSeesOne() throws Exception {
        CallClient user = CallClient.connect(SERVICE.baseUrl(), SERVICE.token("user-1", Role.USER));
        JsonNode refused = user.send(Map.of("type", "start", "callId", "abuse-1", "userId", "user-1", "callerNumber", "+4930999999")).next();
        assertThat(refused.path("code").asText()).isEqualTo("forbidden");
        assertThat(refused.path("message").asText()).contains("callerNumber");

        JsonNode decision = user.send(Map.of("type", "start", "callId", "abuse-1", "userId", "user-1")).next();
        assertThat(decision.path("action").asText()).isEqualTo("AI_ANSWER");
        assertThat(CALLEES.requests("POST", "/api/decisions")).noneSatisfy(r -> assertThat(r.body()).contains("+4930999999"));
        assertThat(user.send(Map.of("type", "turn", "text", "Hello?")).next("reply").path("type").asText()).isEqualTo("reply");
        assertThat(user.send(Map.of("type", "end")).next("ended").path("analysed").asBoolean()).isTrue();
        // No number, so nothing asserted: the analyzer cannot count this call against anyone's number.
        assertThat(CALLEES.requests("POST", "/api/analyses")).singleElement()
                .satisfies(r -> assertThat(r.body()).contains("\"abuse-1\"").doesNotContain("callerNumber").doesNotContain("callerAsserted"));
    }

    @Test
    void oneUserHoldsAtMostMaxCallsPerUserSocketsWhileAGatewayIsNotLimited() throws Exception {
        String token = SERVICE.token("user-2", Role.USER);
        List<CallClient> held = new ArrayList<>(List.of(CallClient.connect(SERVICE.baseUrl(), token), CallClient.connect(SERVICE.baseUrl(), token)));
        Await.until(() -> SERVICE.runtime().openWebSockets() == 2);

        assertThat(CallClient.refusedStatus(SERVICE.baseUrl(), token)).isEqualTo(429);
        String gateway = SERVICE.token("telephony-gateway", Role.SERVICE);
        for (int i = 0; i < 3; i++) {
            held.add(CallClient.connect(SERVICE.baseUrl(), gateway));
        }
        Await.until(() -> SERVICE.runtime().openWebSockets() == 5);
        assertThat(metrics()).contains("realtime_calls_rejected_total{reason=\"user-cap\",service=\"realtime-processor\"} 1.0");
        held.forEach(CallClient::close);
    }

    @Test
    void everyRejectionReasonAndFailureStageIsExportedFromTheStart() {
        String metrics = metrics();
        for (String reason : List.of("capacity", "draining")) {
            assertThat(metrics).contains("realtime_calls_rejected_total{reason=\"" + reason + "\",service=\"realtime-processor\"} 0.0");
        }
        for (String stage : CallSessions.FAILURE_STAGES) {
            assertThat(metrics).contains("voice_processing_failures_total{service=\"realtime-processor\",stage=\"" + stage + "\"}");
        }
    }

    /** Issue 10: a socket refused in the capacity race stayed counted, and shutdown waited its whole grace for it. */
    @Test
    void socketsRefusedInTheCapacityRaceAreNotCountedAsOpen() throws Exception {
        String gateway = SERVICE.token("telephony-gateway", Role.SERVICE);
        List<CompletableFuture<CallClient>> racing = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            racing.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return CallClient.connect(SERVICE.baseUrl(), gateway);
                } catch (Exception refusedBeforeTheUpgrade) {
                    return null;
                }
            }));
        }
        List<CallClient> admitted = new ArrayList<>();
        for (CompletableFuture<CallClient> call : racing) {
            CallClient client = call.join();
            if (client != null) {
                admitted.add(client);
            }
        }
        admitted.forEach(CallClient::close);
        // @AfterEach: every socket, admitted or refused in the race, is let go of.
    }

    private static String metrics() {
        return SERVICE.http().get("/metrics", null).raw();
    }
}
