package dev.voiceplane.app.conversationanalyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.Await;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.StubService;
import dev.voiceplane.app.testkit.TestResponse;
import dev.voiceplane.catalog.Env;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConversationAnalyzerApiTest {

    static final StubService PROFILES = StubService.start()
            .answer("POST", "/api/calls", r -> r.body().contains("\"poison-") ? StubService.json(400, "{\"message\":\"bad call\"}")
                    : StubService.json(201, "{\"recorded\":true}"));

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("conversation-analyzer", ConversationAnalyzerModule::new)
            .withEnv(Env.urlOf("profile-analytics"), PROFILES.url());

    @AfterAll
    static void stopStub() {
        PROFILES.close();
    }

    private static String service() {
        return SERVICE.token("realtime-processor", Role.SERVICE);
    }

    private static Map<String, Object> call(String callId, String userId, String caller, List<Map<String, String>> transcript) {
        return caller == null ? Map.of("callId", callId, "userId", userId, "transcript", transcript)
                : Map.of("callId", callId, "userId", userId, "callerNumber", caller, "durationSeconds", 42, "transcript", transcript);
    }

    private static Map<String, String> caller(String text) {
        return Map.of("speaker", "CALLER", "text", text);
    }

    private static Map<String, String> assistant(String text) {
        return Map.of("speaker", "ASSISTANT", "text", text);
    }

    private static final List<Map<String, String>> SALES = List.of(
            caller("Hello, we have a special promotion on car insurance with a big discount"),
            assistant("Thank you, but we are not interested in this offer."),
            caller("This is a limited deal, stop being so rude, it's ridiculous"),
            assistant("Please do not call this number again. Goodbye."));

    @Test
    void aFinishedCallIsAnalysedStoredAndReported() {
        TestResponse response = SERVICE.http().post("/api/analyses", call("call-1", "user-1", "+4930123456", SALES), service());

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.text("category")).isEqualTo("TELEMARKETING");
        assertThat(response.text("sentiment")).isEqualTo("NEGATIVE");
        assertThat(response.text("analyzer")).isEqualTo("offline");
        assertThat(response.text("summary")).startsWith("Telemarketing call of 2 caller turns").contains("special promotion");
        assertThat(response.json().path("quality").asDouble()).isBetween(0.5, 1.0);
        assertThat(response.json().path("reportedAt").isNull()).isFalse();
        List<StubService.Request> reports = PROFILES.requests("POST", "/api/calls");
        assertThat(reports).anySatisfy(r -> assertThat(r.body()).contains("\"callId\":\"call-1\"")
                .contains("\"spamCategory\":\"TELEMARKETING\"").contains("\"outcome\":\"AI_HANDLED\""));

        TestResponse again = SERVICE.http().post("/api/analyses", call("call-1", "user-1", "+4930123456", SALES), service());
        assertThat(again.status()).isEqualTo(200);
        assertThat(PROFILES.requests("POST", "/api/calls").stream().filter(r -> r.body().contains("\"call-1\"")).count()).isEqualTo(1);
        assertThat(SERVICE.http().get("/metrics", null).raw()).contains("conversation_quality_score_bucket{")
                .contains("conversation_analyses_total{");
    }

    @Test
    void usersReadOnlyTheirOwnAnalysesAndOnlyServicesSubmit() {
        SERVICE.http().post("/api/analyses", call("call-2", "user-2", null,
                List.of(caller("Hi, it's your sister, thanks for the lovely dinner"), assistant("I will pass your message on."))), service());

        assertThat(SERVICE.http().get("/api/analyses/call-2", SERVICE.token("user-2", Role.USER)).text("sentiment")).isEqualTo("POSITIVE");
        assertThat(SERVICE.http().get("/api/analyses/call-2", SERVICE.token("user-1", Role.USER)).status()).isEqualTo(403);
        assertThat(SERVICE.http().get("/api/users/user-2/analyses", SERVICE.token("user-2", Role.USER)).json()).hasSize(1);
        assertThat(SERVICE.http().get("/api/users/user-2/analyses", SERVICE.token("user-1", Role.USER)).status()).isEqualTo(403);
        assertThat(SERVICE.http().get("/api/analyses/call-2", null).status()).isEqualTo(401);
        assertThat(SERVICE.http().post("/api/analyses", call("call-3", "user-2", null, SALES), SERVICE.token("user-2", Role.USER)).status())
                .isEqualTo(403);
        assertThat(SERVICE.http().get("/api/analyses/no-such-call", service()).status()).isEqualTo(404);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        TestResponse empty = SERVICE.http().post("/api/analyses", call("call-4", "user-1", null, List.of()), service());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.text("message")).isEqualTo("field 'transcript' is required: at least one utterance");

        TestResponse speaker = SERVICE.http().post("/api/analyses",
                "{\"callId\":\"c\",\"userId\":\"u\",\"transcript\":[{\"text\":\"hi\"}]}", service());
        assertThat(speaker.status()).isEqualTo(400);
        assertThat(speaker.text("message")).contains("speaker");

        assertThat(SERVICE.http().get("/api/users/user-1/analyses?limit=0", service()).text("message")).contains("limit");
    }

    @Test
    void whileProfileAnalyticsIsDownReportsWaitAndSurviveARestart() {
        PROFILES.down(true);
        TestResponse response = SERVICE.http().post("/api/analyses", call("call-5", "user-5", "+15550000001",
                List.of(caller("Congratulations, you have won a prize, press 1 to claim your gift card"), assistant("Goodbye."))), service());
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.text("category")).isEqualTo("SCAM");
        assertThat(response.json().path("reportedAt").isNull()).isTrue();

        SERVICE.restart();
        PROFILES.down(false);

        Await.until(() -> !SERVICE.http().get("/api/analyses/call-5", service()).json().path("reportedAt").isNull());
        assertThat(PROFILES.requests("POST", "/api/calls")).anySatisfy(r -> assertThat(r.body()).contains("\"call-5\""));
    }

    @Test
    void aTranscriptWithANulByteIsA400NotA500() {
        TestResponse response = SERVICE.http().post("/api/analyses",
                "{\"callId\":\"nul-1\",\"userId\":\"u\",\"transcript\":[{\"speaker\":\"CALLER\",\"text\":\"hi\\u0000\"}]}", service());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("message")).contains("NUL");
    }

    @Test
    void aCallIdAnalysedForAnotherUserIsA409() {
        assertThat(SERVICE.http().post("/api/analyses", call("reused-1", "first-user", null, SALES), service()).status()).isEqualTo(201);
        TestResponse reused = SERVICE.http().post("/api/analyses", call("reused-1", "second-user", null, SALES), service());
        assertThat(reused.status()).isEqualTo(409);
        assertThat(SERVICE.http().get("/metrics", null).raw()).contains("http_server_errors_total{method=\"POST\",route=\"/api/analyses\","
                + "service=\"conversation-analyzer\"} 0.0");
    }

    @Test
    void aReportProfileAnalyticsRefusesGoesToTheDeadLetterAndDoesNotHoldUpTheOthers() {
        TestResponse poisoned = SERVICE.http().post("/api/analyses", call("poison-1", "user-7", "+4930700001", SALES), service());
        assertThat(poisoned.status()).isEqualTo(201);
        TestResponse next = SERVICE.http().post("/api/analyses", call("after-poison", "user-7", "+4930700002", SALES), service());
        assertThat(next.json().path("reportedAt").isNull()).isFalse();
        Await.until(() -> SERVICE.http().get("/metrics", null).raw()
                .contains("analyzer_reports_total{result=\"dead_lettered\",service=\"conversation-analyzer\"} 1.0"));
        assertThat(SERVICE.http().get("/metrics", null).raw()).contains("analyzer_reports_pending{service=\"conversation-analyzer\"} 0.0");
        assertThat(SERVICE.http().get("/metrics", null).raw()).contains("analyzer_reports_dead_letter{service=\"conversation-analyzer\"} 1.0");
    }

    @Test
    void onlyAServiceCanSayAProviderAssertedTheCallerNumber() {
        Map<String, Object> asserted = new java.util.HashMap<>(call("asserted-1", "user-8", "+4930800001", SALES));
        asserted.put("callerAsserted", true);
        SERVICE.http().post("/api/analyses", asserted, service());
        asserted.put("callId", "asserted-2");
        SERVICE.http().post("/api/analyses", asserted, SERVICE.token("root", Role.ADMIN));
        assertThat(PROFILES.requests("POST", "/api/calls")).anySatisfy(r -> assertThat(r.body()).contains("\"asserted-1\"")
                .contains("\"callerAsserted\":true"));
        assertThat(PROFILES.requests("POST", "/api/calls")).anySatisfy(r -> assertThat(r.body()).contains("\"asserted-2\"")
                .contains("\"callerAsserted\":false"));
    }

    @Test
    void userManagementExportsAndErasesAUsersAnalyses() {
        SERVICE.http().post("/api/analyses", call("gdpr-1", "gdpr-user", null, SALES), service());
        String userManagement = SERVICE.token("user-management", Role.SERVICE);
        assertThat(SERVICE.http().get("/api/privacy/users/gdpr-user", userManagement).json().path("analyses").size()).isEqualTo(1);
        assertThat(SERVICE.http().delete("/api/privacy/users/gdpr-user", userManagement).json().path("erased").path("analyses").asInt())
                .isEqualTo(1);
        assertThat(SERVICE.http().get("/api/analyses/gdpr-1", userManagement).status()).isEqualTo(404);
    }
}
