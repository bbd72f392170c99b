package dev.voiceplane.app.profileanalytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.TestResponse;
import dev.voiceplane.catalog.Env;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** No single account can get a number blocked for everyone: the attack of issue 10, item 1, and its limits. */
class SpamReportAbuseTest {

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("profile-analytics", ProfileAnalyticsModule::new)
            .withEnv(Map.of(Env.SPAM_REPORT_MIN_REPORTERS, "3", Env.SPAM_REPORTS_PER_DAY, "5"));

    private static final String ANALYZER = "conversation-analyzer";

    private static TestResponse postCall(String id, String user, String caller, boolean asserted, String category) {
        Map<String, Object> call = new HashMap<>(Map.of("callId", id, "userId", user, "callerNumber", caller,
                "startedAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(), "durationSeconds", 42, "outcome", "AI_HANDLED",
                "spamCategory", category, "callerAsserted", asserted));
        return SERVICE.http().post("/api/calls", call, SERVICE.token(ANALYZER, Role.SERVICE));
    }

    private static TestResponse report(String user, String number) {
        return SERVICE.http().post("/api/spam-reports", Map.of("callerNumber", number, "category", "SCAM"), SERVICE.token(user, Role.USER));
    }

    private static TestResponse profile(String number) {
        return SERVICE.http().get("/api/profiles/" + number, SERVICE.token("smart-whitelist", Role.SERVICE));
    }

    @Test
    void aNumberThatNeverCalledTheReporterCannotBeReported() {
        TestResponse response = report("mallory", "+4930111000");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.text("message")).contains("called you");
        assertThat(profile("+4930111000").status()).isEqualTo(404);
    }

    @Test
    void aCallWhoseNumberNoProviderAssertedBuildsNoProfile() {
        assertThat(postCall("fake-1", "mallory", "+4930222000", false, "SCAM").status()).isEqualTo(201);
        assertThat(profile("+4930222000").status()).isEqualTo(404);
        // ... and cannot be reported either: the number never provably called.
        assertThat(report("mallory", "+4930222000").status()).isEqualTo(403);
        // The user's own statistics still count the call.
        assertThat(SERVICE.http().get("/api/users/mallory/stats", SERVICE.token("mallory", Role.USER)).json().path("totalCalls").asLong())
                .isPositive();
    }

    @Test
    void anAdminCannotAssertACallerNumber() {
        Map<String, Object> call = new HashMap<>(Map.of("callId", "admin-1", "userId", "u-admin", "callerNumber", "+4930333000",
                "startedAt", Instant.now().toString(), "durationSeconds", 1, "outcome", "AI_HANDLED", "callerAsserted", true));
        assertThat(SERVICE.http().post("/api/calls", call, SERVICE.token("root", Role.ADMIN)).status()).isEqualTo(201);
        assertThat(profile("+4930333000").status()).isEqualTo(404);
    }

    @Test
    void oneAccountWithARealSpamCallAndAReportCannotPushANumberToBlock() {
        String victim = "+4930444000";
        assertThat(postCall("one-1", "mallory2", victim, true, "SCAM").status()).isEqualTo(201);
        assertThat(report("mallory2", victim).status()).isEqualTo(201);
        TestResponse profile = profile(victim);
        assertThat(profile.json().path("spamScore").asDouble()).isLessThan(0.8);
        assertThat(profile.json().path("spamReports").asLong()).isEqualTo(1);
    }

    @Test
    void reportsFromEnoughDistinctUsersWithRealCallsBlock() {
        String scammer = "+4930555000";
        for (int i = 0; i < 3; i++) {
            assertThat(postCall("many-" + i, "victim-" + i, scammer, true, "SCAM").status()).isEqualTo(201);
            assertThat(report("victim-" + i, scammer).status()).isEqualTo(201);
        }
        assertThat(profile(scammer).json().path("spamScore").asDouble()).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void reportsAreLimitedPerAccountPerDay() {
        for (int i = 0; i < 6; i++) {
            postCall("busy-" + i, "busy-reporter", "+49306660" + i, true, "NONE");
        }
        for (int i = 0; i < 5; i++) {
            assertThat(report("busy-reporter", "+49306660" + i).status()).isEqualTo(201);
        }
        TestResponse refused = report("busy-reporter", "+493066605");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void aUserDoesNotSeeWhenAThirdPartyLastCalledSomeoneElse() {
        String number = "+4930777000";
        postCall("third-1", "alice", number, true, "NONE");
        TestResponse asUser = SERVICE.http().get("/api/profiles/" + number, SERVICE.token("bob", Role.USER));
        assertThat(asUser.status()).isEqualTo(200);
        assertThat(asUser.json().path("lastCallAt").isNull()).isTrue();
        assertThat(asUser.json().path("callsLast24h").isNull()).isTrue();
        TestResponse asCallee = SERVICE.http().get("/api/profiles/" + number, SERVICE.token("alice", Role.USER));
        assertThat(asCallee.json().path("lastCallAt").isNull()).isFalse();
    }
}
