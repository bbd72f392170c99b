package dev.voiceplane.app.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.Await;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.TestHttp;
import dev.voiceplane.app.testkit.TestResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import dev.voiceplane.app.conversationanalyzer.ConversationAnalyzerModule;
import dev.voiceplane.app.conversationengine.ConversationEngineModule;
import dev.voiceplane.app.core.runtime.ServiceModule;
import dev.voiceplane.app.profileanalytics.ProfileAnalyticsModule;
import dev.voiceplane.app.realtimeprocessor.RealtimeProcessorModule;
import dev.voiceplane.app.realtimeprocessor.testing.CallClient;
import dev.voiceplane.app.smartwhitelist.SmartWhitelistModule;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.ServiceCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10, item 1, end to end on the real services: a self-registered user forges a caller number in
 * the call WebSocket's start frame, lets the call be analysed, and reports the number as spam. Before the
 * fix the forged call reached profile-analytics as a real one and the report alone blocked the number for
 * every user (spam score 0.883). Now the number never enters the call, the report is refused, and another
 * user's decision for that number is not BLOCK.
 */
class ForgedCallerNumberTest {

    private static final String VICTIM = "+4930123987";
    // Free ports chosen up front, so each caller knows its callees' URLs before any of them starts
    // (the catalog ports may be taken by a local run on this machine).
    private static final Map<String, Integer> PORTS = freePorts("profile-analytics", "smart-whitelist", "conversation-engine",
            "conversation-analyzer", "realtime-processor");

    @RegisterExtension
    @Order(1)
    static final ServiceUnderTest ANALYTICS = wired("profile-analytics", ProfileAnalyticsModule::new);
    @RegisterExtension
    @Order(2)
    static final ServiceUnderTest WHITELIST = wired("smart-whitelist", SmartWhitelistModule::new);
    @RegisterExtension
    @Order(3)
    static final ServiceUnderTest ENGINE = wired("conversation-engine", ConversationEngineModule::new);
    @RegisterExtension
    @Order(4)
    static final ServiceUnderTest ANALYZER = wired("conversation-analyzer", ConversationAnalyzerModule::new);
    @RegisterExtension
    @Order(5)
    static final ServiceUnderTest REALTIME = wired("realtime-processor", RealtimeProcessorModule::new);

    @Test
    void aUserTokenCannotForgeACallerNumberIntoEveryUsersBlockList() throws Exception {
        String mallory = REALTIME.token("mallory", Role.USER);
        TestHttp analytics = ANALYTICS.http();
        CallClient call = CallClient.connect(REALTIME.baseUrl(), mallory);

        call.send(Map.of("type", "start", "callId", "forged-1", "userId", "mallory", "callerNumber", VICTIM));
        JsonNode answer = call.next();
        if (!"decision".equals(answer.path("type").asText())) {
            // Refused: the attacker's best is the same call without the number.
            call.send(Map.of("type", "start", "callId", "forged-1", "userId", "mallory"));
            assertThat(call.next("decision").path("action").asText()).isNotEmpty();
        }
        call.send(Map.of("type", "turn", "text", "Hello, is this the bank?"));
        call.next("reply");
        call.send(Map.of("type", "end"));
        assertThat(call.next("ended").path("analysed").asBoolean()).isTrue();
        call.close();
        // The analysis is stored and every outcome the analyzer owes profile-analytics has been delivered
        // (before the fix: the forged call, counted as a real one from the number).
        assertThat(ANALYZER.http().get("/api/analyses/forged-1", mallory).status()).isEqualTo(200);
        Await.until(() -> ANALYZER.http().get("/metrics", null).raw()
                .contains("analyzer_reports_pending{service=\"conversation-analyzer\"} 0.0"));

        TestResponse report = analytics.post("/api/spam-reports", Map.of("callerNumber", VICTIM, "category", "SCAM"), mallory);
        TestResponse decision = WHITELIST.http().post("/api/decisions", Map.of("userId", "someone-else", "callerNumber", VICTIM),
                WHITELIST.token("realtime-processor", Role.SERVICE));

        assertThat(report.status()).as("a report of a number that never provably called mallory").isEqualTo(403);
        assertThat(analytics.get("/api/profiles/" + VICTIM, ANALYTICS.token("smart-whitelist", Role.SERVICE)).status())
                .as("the forged number has no profile").isEqualTo(404);
        assertThat(decision.status()).isEqualTo(200);
        assertThat(decision.text("action")).as("another user's decision for the forged number").isNotEqualTo("BLOCK");
        assertThat(answer.path("code").asText()).as("the start frame with a user token's callerNumber").isEqualTo("forbidden");
    }

    /** {@code name} on its chosen port, calling the others of this test on theirs. */
    private static ServiceUnderTest wired(String name, Supplier<ServiceModule> module) {
        ServiceUnderTest service = ServiceUnderTest.of(name, module).withEnv(Env.PORT, Integer.toString(PORTS.get(name)));
        for (String callee : ServiceCatalog.get(name).calls()) {
            if (PORTS.containsKey(callee)) {
                service.withEnv(Env.urlOf(callee), "http://127.0.0.1:" + PORTS.get(callee));
            }
        }
        return service;
    }

    private static Map<String, Integer> freePorts(String... names) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (String name : names) {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                ports.put(name, socket.getLocalPort());
            }
            for (ServerSocket socket : held) {
                socket.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ports;
    }
}
