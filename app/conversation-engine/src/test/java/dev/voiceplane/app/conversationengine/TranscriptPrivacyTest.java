package dev.voiceplane.app.conversationengine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.runtime.ServiceContext;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.StubService;
import dev.voiceplane.app.testkit.TestResponse;
import dev.voiceplane.catalog.Env;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GDPR export and erasure of a user's transcripts for user-management, and the transcripts' retention bound. */
class TranscriptPrivacyTest {

    static final StubService PROFILES = StubService.start();

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("conversation-engine", ConversationEngineModule::new)
            .withEnv(Env.urlOf("profile-analytics"), PROFILES.url())
            // The service's own sweep (system clock) must never reach the back-dated transcripts below: ten years.
            .withEnv(Env.TRANSCRIPT_RETENTION_DAYS, "3650");

    @AfterAll
    static void stopStub() {
        PROFILES.close();
    }

    private static String realtime() {
        return SERVICE.token("realtime-processor", Role.SERVICE);
    }

    private static String userManagement() {
        return SERVICE.token("user-management", Role.SERVICE);
    }

    private static void call(String callId, String userId, String... callerSays) {
        assertThat(SERVICE.http().post("/api/conversations", Map.of("callId", callId, "userId", userId,
                "callerNumber", "+4930111222"), realtime()).status()).isEqualTo(201);
        for (String text : callerSays) {
            assertThat(SERVICE.http().post("/api/conversations/" + callId + "/turns", Map.of("text", text), realtime()).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void onlyAServiceOrAdminReadsOrErasesAUsersTranscripts() {
        call("own-1", "owner", "Hello, it's your dentist");
        String path = "/api/privacy/users/owner";

        assertThat(SERVICE.http().get(path, SERVICE.token("owner", Role.USER)).status()).isEqualTo(403);
        assertThat(SERVICE.http().delete(path, SERVICE.token("owner", Role.USER)).status()).isEqualTo(403);
        assertThat(SERVICE.http().delete(path, null).status()).isEqualTo(401);
        assertThat(SERVICE.http().get("/api/conversations/own-1", realtime()).status()).isEqualTo(200);
    }

    @Test
    void theExportCarriesEveryTurnOfTheUsersCallsAndNoOneElses() {
        call("exp-1", "exporter", "Hi, this is Anna from the bakery", "Your cake is ready");
        call("exp-2", "exporter", "Good morning");
        call("exp-other", "bystander", "Hello, this is private");

        TestResponse export = SERVICE.http().get("/api/privacy/users/exporter", userManagement());

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.text("service")).isEqualTo("conversation-engine");
        assertThat(export.json().path("conversations")).hasSize(2);
        assertThat(export.raw()).contains("Hi, this is Anna from the bakery").contains("Your cake is ready").contains("Good morning")
                .contains("+4930111222").doesNotContain("Hello, this is private").doesNotContain("exp-other");
    }

    @Test
    void erasureRemovesTheUsersConversationsTurnsAndCachedHistoryAndLeavesOthersAlone() {
        call("era-1", "erased", "Hello, it's the pharmacy", "Your prescription is in");
        call("era-2", "erased", "Hi there");
        call("kept-1", "neighbour", "Hello neighbour", "Your parcel is with me");
        ConversationStore store = storeAt(Clock.systemUTC());
        assertThat(store.history("era-1")).hasSize(2);

        TestResponse erased = SERVICE.http().delete("/api/privacy/users/erased", userManagement());

        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.json().path("erased").path("conversations").asInt()).isEqualTo(2);
        assertThat(erased.json().path("erased").path("turns").asInt()).isEqualTo(3);
        assertThat(SERVICE.http().get("/api/conversations/era-1", realtime()).status()).isEqualTo(404);
        assertThat(SERVICE.http().get("/api/conversations/era-2", realtime()).status()).isEqualTo(404);
        assertThat(store.history("era-1")).isEmpty(); // neither the rows nor Redis' recent turns of the live call
        assertThat(SERVICE.http().post("/api/conversations/era-1/turns", Map.of("text", "hello?"), realtime()).status()).isEqualTo(404);
        assertThat(SERVICE.http().get("/api/privacy/users/erased", userManagement()).json().path("conversations")).isEmpty();

        TestResponse neighbour = SERVICE.http().get("/api/conversations/kept-1", realtime());
        assertThat(neighbour.status()).isEqualTo(200);
        assertThat(neighbour.json().path("turns")).hasSize(2);

        TestResponse again = SERVICE.http().delete("/api/privacy/users/erased", userManagement());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("erased").path("conversations").asInt()).isZero();
    }

    @Test
    void theRetentionSweepDeletesOnlyTranscriptsIdleLongerThanTheBound() {
        // Back-dated, so that the other tests' conversations (now) are newer than every cutoff below.
        Instant start = Instant.now().minus(Duration.ofDays(100)).truncatedTo(ChronoUnit.SECONDS);
        Duration keep = Duration.ofDays(30);
        ConversationStore old = storeAt(Clock.fixed(start, ZoneOffset.UTC));
        old.open(new NewConversation("ret-old", "retained", "+4930999000"));
        old.append("ret-old", "I am calling about your car's warranty", greeting(), reply());
        ConversationStore later = storeAt(Clock.fixed(start.plus(Duration.ofDays(10)), ZoneOffset.UTC));
        later.open(new NewConversation("ret-new", "retained", null));
        later.append("ret-new", "Hello, it's me", greeting(), reply());

        assertThat(sweepAt(start.plus(keep), keep)).as("exactly at the bound: kept").isZero();
        assertThat(sweepAt(start.plus(keep).plusSeconds(1), keep)).isEqualTo(1);

        assertThat(old.find("ret-old")).isEmpty();
        assertThat(old.callerTexts("ret-old")).isEmpty();
        assertThat(later.find("ret-new")).isPresent();
        assertThat(later.callerTexts("ret-new")).containsExactly("Hello, it's me");

        assertThat(sweepAt(start.plus(Duration.ofDays(40)).plusSeconds(1), keep)).isEqualTo(1);
        assertThat(later.find("ret-new")).isEmpty();
    }

    private static int sweepAt(Instant now, Duration keep) {
        return new TranscriptRetention(context().database().jdbi(), Clock.fixed(now, ZoneOffset.UTC), keep).sweep();
    }

    private static ConversationStore storeAt(Clock clock) {
        return new ConversationStore(context().database().jdbi(), context().redis(), clock);
    }

    private static ServiceContext context() {
        return SERVICE.runtime().context();
    }

    private static IntentResult greeting() {
        return new IntentResult(Intent.GREETING, 0.9, Map.of(Intent.GREETING, 1.0));
    }

    private static ResponseGenerator.Generated reply() {
        return new ResponseGenerator.Generated("Hello, how can I help?", "offline", 0.8);
    }
}
