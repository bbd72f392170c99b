package dev.voiceplane.app.profileanalytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.Await;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.TestResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProfileAnalyticsApiTest {

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("profile-analytics", ProfileAnalyticsModule::new);

    private static final String PROCESSOR = "realtime-processor";

    private static Map<String, Object> call(String id, String user, String caller, String outcome, String category) {
        Map<String, Object> call = new HashMap<>(Map.of("callId", id, "userId", user, "callerNumber", caller,
                "startedAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(), "durationSeconds", 42, "outcome", outcome,
                "callerAsserted", true));
        if (category != null) {
            call.put("spamCategory", category);
        }
        return call;
    }

    private static TestResponse post(Map<String, Object> call) {
        return SERVICE.http().post("/api/calls", call, SERVICE.token(PROCESSOR, Role.SERVICE));
    }

    @Test
    void onlyServicesAndAdminsPostCalls() {
        Map<String, Object> call = call("auth-1", "u1", "+4930100000", "PUT_THROUGH", null);
        assertThat(SERVICE.http().post("/api/calls", call, null).status()).isEqualTo(401);
        assertThat(SERVICE.http().post("/api/calls", call, SERVICE.token("u1", Role.USER)).status()).isEqualTo(403);
        assertThat(SERVICE.http().get("/api/profiles/+4930100000", null).status()).isEqualTo(401);
    }

    @Test
    void badCallsAreA400NamingTheField() {
        Map<String, Object> call = call("bad-1", "u1", "+4930100000", "PUT_THROUGH", null);
        call.remove("outcome");
        assertThat(post(call).text("message")).startsWith("field 'outcome' is required");
        call.put("outcome", "HUNG_UP");
        assertThat(post(call).status()).isEqualTo(400);
        Map<String, Object> badNumber = call("bad-2", "u1", "0301", "PUT_THROUGH", null);
        assertThat(post(badNumber).text("message")).contains("field 'callerNumber' must be an E.164 number");
        assertThat(SERVICE.http().get("/api/profiles/not-a-number", SERVICE.token(PROCESSOR, Role.SERVICE)).status()).isEqualTo(400);
    }

    @Test
    void aProfileIsBuiltFromTheCallsOfAllUsersAndTheirReports() {
        String scammer = "+4969555000";
        for (int i = 0; i < 4; i++) {
            assertThat(post(call("scam-" + i, "victim-" + i, scammer, i == 0 ? "BLOCKED" : "AI_HANDLED", "SCAM")).status()).isEqualTo(201);
        }
        for (int i = 0; i < 4; i++) {
            TestResponse report = SERVICE.http().post("/api/spam-reports", Map.of("callerNumber", scammer, "category", "SCAM"),
                    SERVICE.token("victim-" + i, Role.USER));
            assertThat(report.status()).isEqualTo(201);
        }
        TestResponse profile = SERVICE.http().get("/api/profiles/" + scammer, SERVICE.token(PROCESSOR, Role.SERVICE));
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.json().path("totalCalls").asLong()).isEqualTo(4);
        assertThat(profile.json().path("distinctUsers").asLong()).isEqualTo(4);
        assertThat(profile.json().path("callsLast24h").asLong()).isEqualTo(4);
        assertThat(profile.json().path("outcomes").path("AI_HANDLED").asLong()).isEqualTo(3);
        assertThat(profile.text("spamCategory")).isEqualTo("SCAM");
        assertThat(profile.json().path("spamScore").asDouble()).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void anUnknownCallerIs404() {
        assertThat(SERVICE.http().get("/api/profiles/+4930999999", SERVICE.token(PROCESSOR, Role.SERVICE)).status()).isEqualTo(404);
    }

    @Test
    void postingTheSameCallTwiceCountsItOnce() {
        Map<String, Object> call = call("retry-1", "retrier", "+4930200000", "PUT_THROUGH", null);
        assertThat(post(call).status()).isEqualTo(201);
        TestResponse again = post(call);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("recorded")).isEqualTo("duplicate");
        assertThat(SERVICE.http().get("/api/profiles/+4930200000", SERVICE.token(PROCESSOR, Role.SERVICE)).json().path("totalCalls").asLong())
                .isEqualTo(1);
    }

    @Test
    void usersSeeTheirOwnStatisticsOnly() {
        post(call("stats-1", "stella", "+4930300001", "AI_HANDLED", null));
        post(call("stats-2", "stella", "+4930300002", "PUT_THROUGH", null));
        TestResponse stats = SERVICE.http().get("/api/users/stella/stats?days=7", SERVICE.token("stella", Role.USER));
        assertThat(stats.json().path("totalCalls").asLong()).isEqualTo(2);
        assertThat(stats.json().path("aiHandledShare").asDouble()).isEqualTo(0.5);
        assertThat(SERVICE.http().get("/api/users/stella/stats", SERVICE.token("snoop", Role.USER)).status()).isEqualTo(403);
        assertThat(SERVICE.http().get("/api/users/stella/stats?days=0", SERVICE.token("stella", Role.USER)).status()).isEqualTo(400);
        assertThat(SERVICE.http().get("/api/users/stella/stats?days=many", SERVICE.token("stella", Role.USER)).status()).isEqualTo(400);
    }

    @Test
    void recordedCallsSurviveARestartAndFeedTheBusinessMetrics() {
        post(call("persist-1", "paula", "+4930400000", "AI_HANDLED", null));
        assertThat(SERVICE.http().get("/metrics", null).raw()).contains("calls_total{outcome=\"AI_HANDLED\"").contains("calls_ai_handled_total{");
        SERVICE.restart();
        assertThat(SERVICE.http().get("/api/profiles/+4930400000", SERVICE.token(PROCESSOR, Role.SERVICE)).json().path("totalCalls").asLong())
                .isEqualTo(1);
        // The new instance computes the system-wide figures from the database as it starts.
        String metrics = pollMetricsFor("calls_last_24h{outcome=\"AI_HANDLED\"");
        assertThat(metrics).contains("calls_ai_handled_share{");
        assertThat(metrics).doesNotContain("calls_last_24h{outcome=\"AI_HANDLED\",service=\"profile-analytics\"} 0.0");
    }

    /** The start-up refresh runs on its own thread: wait for it (bounded only against a hang). */
    private static String pollMetricsFor(String series) {
        String[] metrics = {""};
        Await.until(() -> {
            metrics[0] = SERVICE.http().get("/metrics", null).raw();
            return metrics[0].contains(series) && !metrics[0].contains(series + ",service=\"profile-analytics\"} 0.0");
        });
        return metrics[0];
    }

    @Test
    void userManagementExportsAndErasesAUsersCallsAndReports() {
        post(call("erase-1", "eraseme", "+4930500001", "AI_HANDLED", "SCAM"));
        SERVICE.http().post("/api/spam-reports", Map.of("callerNumber", "+4930500001", "category", "SCAM"), SERVICE.token("eraseme", Role.USER));
        String userManagement = SERVICE.token("user-management", Role.SERVICE);
        assertThat(SERVICE.http().get("/api/privacy/users/eraseme", SERVICE.token("eraseme", Role.USER)).status()).isEqualTo(403);
        TestResponse export = SERVICE.http().get("/api/privacy/users/eraseme", userManagement);
        assertThat(export.json().path("calls").size()).isEqualTo(1);
        assertThat(export.json().path("spamReports").size()).isEqualTo(1);
        TestResponse erased = SERVICE.http().delete("/api/privacy/users/eraseme", userManagement);
        assertThat(erased.json().path("erased").path("calls").asInt()).isEqualTo(1);
        assertThat(SERVICE.http().get("/api/profiles/+4930500001", userManagement).status()).isEqualTo(404);
    }
}
