package dev.voiceplane.app.smartwhitelist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.TestResponse;
import dev.voiceplane.catalog.Env;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmartWhitelistApiTest {

    static final FakeProfileAnalytics ANALYTICS = new FakeProfileAnalytics();

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("smart-whitelist", SmartWhitelistModule::new)
            .withEnv(Env.urlOf("profile-analytics"), ANALYTICS.url());

    @AfterAll
    static void stopFake() {
        ANALYTICS.close();
    }

    private static String user(String id) {
        return SERVICE.token(id, Role.USER);
    }

    private static TestResponse decide(String userId, String caller) {
        return SERVICE.http().post("/api/decisions", Map.of("userId", userId, "callerNumber", caller),
                SERVICE.token("realtime-processor", Role.SERVICE));
    }

    @Test
    void listsNeedAToken() {
        assertThat(SERVICE.http().get("/api/users/alice/entries", null).status()).isEqualTo(401);
        assertThat(decide("alice", "+4930111111").status()).isEqualTo(200);
        assertThat(SERVICE.http().post("/api/decisions", Map.of("userId", "alice", "callerNumber", "+4930111111"), null).status())
                .isEqualTo(401);
    }

    @Test
    void aUserCannotReadOrDecideForAnotherUser() {
        assertThat(SERVICE.http().get("/api/users/alice/entries", user("mallory")).status()).isEqualTo(403);
        TestResponse response = SERVICE.http().post("/api/decisions", Map.of("userId", "alice", "callerNumber", "+4930111111"), user("mallory"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(SERVICE.http().get("/api/users/alice/entries", SERVICE.token("ops", Role.ADMIN)).status()).isEqualTo(200);
    }

    @Test
    void badNumbersAndRulesAreA400NamingTheField() {
        TestResponse badNumber = SERVICE.http().post("/api/users/bob/entries", Map.of("number", "12345", "kind", "BLOCK"), user("bob"));
        assertThat(badNumber.status()).isEqualTo(400);
        assertThat(badNumber.text("message")).isEqualTo("field 'number' must be an E.164 number such as +4930123456, got '12345'");
        TestResponse badKind = SERVICE.http().post("/api/users/bob/entries", Map.of("number", "+4930123456", "kind", "MAYBE"), user("bob"));
        assertThat(badKind.status()).isEqualTo(400);
        TestResponse emptyRule = SERVICE.http().post("/api/users/bob/rules", Map.of("name", "x", "action", "BLOCK"), user("bob"));
        assertThat(emptyRule.text("message")).contains("a rule needs a 'pattern'");
        TestResponse badUserId = SERVICE.http().get("/api/users/bob!/entries", SERVICE.token("ops", Role.ADMIN));
        assertThat(badUserId.status()).isEqualTo(400);
    }

    @Test
    void listsAndRulesDecideCallsInOrder() {
        String carol = user("carol");
        assertThat(SERVICE.http().post("/api/users/carol/entries", Map.of("number", "+49 30 999 000", "kind", "BLOCK", "label", "ex"), carol)
                .status()).isEqualTo(201);
        assertThat(SERVICE.http().put("/api/users/carol/contacts", List.of(Map.of("number", "+4917012345", "name", "Mum")), carol)
                .json().path("imported").asInt()).isEqualTo(1);
        assertThat(SERVICE.http().post("/api/users/carol/rules",
                Map.of("name", "toll-free to AI", "pattern", "+1800*", "action", "AI_ANSWER", "priority", 5), carol).status())
                .isEqualTo(201);

        assertThat(decide("carol", "+4930999000").text("action")).isEqualTo("BLOCK");
        assertThat(decide("carol", "+4917012345").text("action")).isEqualTo("PUT_THROUGH");
        TestResponse tollFree = decide("carol", "+18005550100");
        assertThat(tollFree.text("action")).isEqualTo("AI_ANSWER");
        assertThat(tollFree.text("reason")).isEqualTo("rule");
    }

    @Test
    void aChangeTakesEffectOnTheNextDecision() {
        assertThat(decide("dave", "+4940555555").text("action")).isEqualTo("AI_ANSWER");
        SERVICE.http().post("/api/users/dave/entries", Map.of("number", "+4940555555", "kind", "ALLOW"), user("dave"));
        assertThat(decide("dave", "+4940555555").text("action")).isEqualTo("PUT_THROUGH");
    }

    @Test
    void spamProfilesComeFromProfileAnalyticsOnceAndThenFromTheCache() {
        ANALYTICS.profiles.put("+4969666666", "{\"number\":\"+4969666666\",\"spamScore\":0.93,\"spamCategory\":\"SCAM\",\"totalCalls\":812,\"extra\":1}");
        int before = ANALYTICS.calls.get();
        TestResponse first = decide("erin", "+4969666666");
        assertThat(first.text("action")).isEqualTo("BLOCK");
        assertThat(first.text("reason")).isEqualTo("spam-profile");
        assertThat(first.text("profileSource")).isEqualTo("service");
        TestResponse second = decide("frank", "+4969666666");
        assertThat(second.text("profileSource")).isEqualTo("cache");
        assertThat(ANALYTICS.calls.get() - before).isEqualTo(1);
    }

    @Test
    void acknowledgedListsSurviveARestart() {
        String gina = user("gina");
        assertThat(SERVICE.http().post("/api/users/gina/entries", Map.of("number", "+4989777777", "kind", "BLOCK"), gina).status())
                .isEqualTo(201);
        SERVICE.restart();
        SERVICE.stores().flushRedis(); // nothing may depend on the cache surviving
        assertThat(SERVICE.http().get("/api/users/gina/entries", user("gina")).json().get(0).path("number").asText()).isEqualTo("+4989777777");
        assertThat(decide("gina", "+4989777777").text("action")).isEqualTo("BLOCK");
    }

    @Test
    void decisionsAreCountedForTheDashboards() {
        decide("henry", "+4930222222");
        assertThat(SERVICE.http().get("/metrics", null).raw()).contains("whitelist_decisions_total{action=\"AI_ANSWER\"");
    }

    @Test
    void aBlockedNumberIsNotSilentlyMovedToTheAllowList() {
        String token = user("bella");
        assertThat(SERVICE.http().post("/api/users/bella/entries", Map.of("number", "+4930999001", "kind", "BLOCK"), token).status())
                .isEqualTo(201);
        TestResponse allow = SERVICE.http().post("/api/users/bella/entries", Map.of("number", "+4930999001", "kind", "ALLOW"), token);
        assertThat(allow.status()).isEqualTo(409);
        assertThat(allow.text("message")).contains("BLOCK").contains("replace");
        assertThat(decide("bella", "+4930999001").text("action")).isEqualTo("BLOCK");
        TestResponse replaced = SERVICE.http().post("/api/users/bella/entries",
                Map.of("number", "+4930999001", "kind", "ALLOW", "replace", true), token);
        assertThat(replaced.status()).isEqualTo(201);
        assertThat(decide("bella", "+4930999001").text("action")).isEqualTo("PUT_THROUGH");
    }

    @Test
    void userManagementExportsAndErasesAUsersListsAndRules() {
        String token = user("erin");
        SERVICE.http().post("/api/users/erin/entries", Map.of("number", "+4930888001", "kind", "BLOCK"), token);
        SERVICE.http().post("/api/users/erin/rules", Map.of("name", "night", "pattern", "+4930*", "action", "AI_ANSWER"), token);
        String userManagement = SERVICE.token("user-management", Role.SERVICE);
        assertThat(SERVICE.http().delete("/api/privacy/users/erin", token).status()).isEqualTo(403);
        TestResponse export = SERVICE.http().get("/api/privacy/users/erin", userManagement);
        assertThat(export.json().path("entries").size()).isEqualTo(1);
        assertThat(export.json().path("rules").size()).isEqualTo(1);
        TestResponse erased = SERVICE.http().delete("/api/privacy/users/erin", userManagement);
        assertThat(erased.json().path("erased").path("entries").asInt()).isEqualTo(1);
        assertThat(SERVICE.http().get("/api/users/erin/entries", token).json()).isEmpty();
        assertThat(decide("erin", "+4930888001").text("action")).isNotEqualTo("BLOCK");
        assertThat(SERVICE.http().delete("/api/privacy/users/erin", userManagement).status()).isEqualTo(200);
    }
}
