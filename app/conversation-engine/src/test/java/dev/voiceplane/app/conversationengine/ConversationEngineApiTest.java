package dev.voiceplane.app.conversationengine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.StubService;
import dev.voiceplane.app.testkit.TestResponse;
import dev.voiceplane.catalog.Env;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConversationEngineApiTest {

    static final String ROBOCALLER = "+15550000001";
    static final String FRIEND = "+4915112345678";

    static final StubService PROFILES = StubService.start()
            .answer("GET", "/api/profiles/%2B15550000001", r -> StubService.json(200,
                    "{\"number\":\"+15550000001\",\"spamScore\":0.95,\"spamCategory\":\"ROBOCALL\",\"totalCalls\":420,\"distinctUsers\":300}"));

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("conversation-engine", ConversationEngineModule::new)
            .withEnv(Env.urlOf("profile-analytics"), PROFILES.url());

    @AfterAll
    static void stopStub() {
        PROFILES.close();
    }

    private static String service() {
        return SERVICE.token("realtime-processor", Role.SERVICE);
    }

    private static TestResponse open(String callId, String userId, String caller) {
        Map<String, String> body = caller == null ? Map.of("callId", callId, "userId", userId)
                : Map.of("callId", callId, "userId", userId, "callerNumber", caller);
        return SERVICE.http().post("/api/conversations", body, service());
    }

    private static TestResponse say(String callId, String text) {
        return SERVICE.http().post("/api/conversations/" + callId + "/turns", Map.of("text", text), service());
    }

    @Test
    @Order(1)
    void aGreetingIsAnsweredOfflineWithAGoodQualityScore() {
        assertThat(open("call-1", "user-1", FRIEND).status()).isEqualTo(201);

        TestResponse turn = say("call-1", "Hello, good morning!");

        assertThat(turn.status()).isEqualTo(200);
        assertThat(turn.text("intent")).isEqualTo("GREETING");
        assertThat(turn.text("provider")).isEqualTo("offline");
        assertThat(turn.json().path("seq").asInt()).isEqualTo(1);
        assertThat(turn.json().path("quality").asDouble()).isGreaterThanOrEqualTo(0.7);
        assertThat(turn.text("reply")).isNotBlank();
    }

    @Test
    @Order(2)
    void theQualityScoreIsExportedForTheDashboards() {
        String metrics = SERVICE.http().get("/metrics", null).raw();
        assertThat(metrics).contains("ai_response_quality{").contains("ai_response_quality_score_bucket{")
                .contains("conversation_turns_total{");
    }

    @Test
    @Order(3)
    void aKnownRobocallerIsTurnedAwayAndTheCallEnds() {
        open("call-2", "user-1", ROBOCALLER);

        TestResponse turn = say("call-2", "Congratulations, you have won a prize! Press 1 now.");

        assertThat(turn.text("intent")).isEqualTo("SPAM_ROBOCALL");
        assertThat(turn.json().path("endCall").asBoolean()).isTrue();
        assertThat(PROFILES.requests("GET", "/api/profiles/")).isNotEmpty();
    }

    @Test
    @Order(4)
    void intentsFollowTheWords() {
        assertThat(SERVICE.http().post("/api/intents", Map.of("text", "I'd like to schedule an appointment for next week"),
                SERVICE.token("user-1", Role.USER)).text("intent")).isEqualTo("APPOINTMENT");
        assertThat(SERVICE.http().post("/api/intents", Map.of("text", "We have a limited time offer on insurance"),
                SERVICE.token("user-1", Role.USER)).text("intent")).isEqualTo("SALES_PITCH");
        assertThat(SERVICE.http().post("/api/intents", Map.of("text", "the weather is nice"),
                SERVICE.token("user-1", Role.USER)).text("intent")).isEqualTo("UNKNOWN");
    }

    @Test
    @Order(5)
    void callsWithoutAValidTokenOrTheRightRoleAreRefused() {
        assertThat(SERVICE.http().post("/api/conversations/call-1/turns", Map.of("text", "hi"), null).status()).isEqualTo(401);
        assertThat(SERVICE.http().post("/api/conversations/call-1/turns", Map.of("text", "hi"), "not-a-jwt").status()).isEqualTo(401);
        assertThat(SERVICE.http().post("/api/conversations/call-1/turns", Map.of("text", "hi"),
                SERVICE.token("user-1", Role.USER)).status()).isEqualTo(403);
        assertThat(SERVICE.http().get("/api/conversations/call-1", SERVICE.token("someone-else", Role.USER)).status()).isEqualTo(403);
        assertThat(SERVICE.http().get("/api/conversations/call-1", SERVICE.token("user-1", Role.USER)).status()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void badInputIsRefusedNamingTheField() {
        TestResponse missing = SERVICE.http().post("/api/conversations/call-1/turns", Map.of(), service());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text("message")).isEqualTo("field 'text' is required");

        TestResponse badCaller = SERVICE.http().post("/api/conversations",
                Map.of("callId", "call-9", "userId", "user-1", "callerNumber", "12345"), service());
        assertThat(badCaller.status()).isEqualTo(400);
        assertThat(badCaller.text("message")).contains("callerNumber").contains("E.164");

        assertThat(SERVICE.http().post("/api/conversations/bad%20id/turns", Map.of("text", "hi"), service()).text("message"))
                .contains("parameter 'callId'");
        assertThat(SERVICE.http().post("/api/conversations", "{\"callId\":\"c\",\"userId\":\"u\",\"colour\":1}", service()).text("message"))
                .contains("unknown field 'colour'");
        assertThat(say("no-such-call", "hello").status()).isEqualTo(404);
    }

    @Test
    @Order(7)
    void acknowledgedTurnsSurviveARestartAndTheDialogContinues() {
        open("call-3", "user-3", FRIEND);
        assertThat(say("call-3", "Hi, it's me, your brother").status()).isEqualTo(200);
        assertThat(say("call-3", "Please call me back, it is urgent").status()).isEqualTo(200);

        SERVICE.restart();
        SERVICE.stores().flushRedis(); // even without the cached history

        TestResponse third = say("call-3", "Tell them it's about dinner with the family");
        assertThat(third.json().path("seq").asInt()).isEqualTo(3);
        assertThat(third.text("intent")).isEqualTo("PERSONAL");
        TestResponse read = SERVICE.http().get("/api/conversations/call-3", service());
        assertThat(read.json().path("turns")).hasSize(3);
        assertThat(read.json().path("conversation").path("turns").asInt()).isEqualTo(3);
    }

    @Test
    @Order(8)
    void anEndedConversationTakesNoMoreTurns() {
        open("call-4", "user-4", null);
        assertThat(SERVICE.http().post("/api/conversations/call-4/end", Map.of(), service()).text("state")).isEqualTo("ENDED");
        assertThat(say("call-4", "hello?").status()).isEqualTo(409);
    }

    @Test
    @Order(9)
    void whenProfileAnalyticsIsDownTheDialogGoesOnWithoutAProfile() {
        PROFILES.down(true);
        try {
            open("call-5", "user-5", "+4930123456");
            TestResponse turn = say("call-5", "Good afternoon, is this a good time?");
            assertThat(turn.status()).isEqualTo(200);
            assertThat(turn.text("intent")).isEqualTo("GREETING");
            assertThat(SERVICE.http().get("/metrics", null).raw()).contains("source=\"unavailable\"");
        } finally {
            PROFILES.down(false);
        }
    }
}
