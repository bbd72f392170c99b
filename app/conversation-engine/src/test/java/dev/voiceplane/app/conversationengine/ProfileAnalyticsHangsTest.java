package dev.voiceplane.app.conversationengine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.StubService;
import dev.voiceplane.app.testkit.TestResponse;
import dev.voiceplane.catalog.Env;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * profile-analytics takes the profile call and never answers: the dialog goes on without a profile
 * once {@link ConversationEngineModule#PROFILE_TIMEOUT} runs out. The stub holds the request until
 * the class ends, so the budget path is taken on every run; the test asserts the reply and the
 * {@code unavailable} lookup, not a duration.
 */
class ProfileAnalyticsHangsTest {

    static final StubService PROFILES = StubService.start().hang("GET", "/api/profiles/");

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("conversation-engine", ConversationEngineModule::new)
            .withEnv(Env.urlOf("profile-analytics"), PROFILES.url())
            .withBudget("profile-analytics", ConversationEngineModule.PROFILE_TIMEOUT);

    @AfterAll
    static void stopStub() {
        PROFILES.close();
    }

    @Test
    void aProfileThatNeverComesLeavesTheDialogToGoOnWithoutOne() {
        String service = SERVICE.token("realtime-processor", Role.SERVICE);
        assertThat(SERVICE.http().post("/api/conversations", Map.of("callId", "call-h1", "userId", "user-h", "callerNumber", "+4930777777"),
                service).status()).isEqualTo(201);

        TestResponse turn = SERVICE.http().post("/api/conversations/call-h1/turns", Map.of("text", "Good evening, may I speak to Anna?"),
                service);

        assertThat(turn.status()).isEqualTo(200);
        assertThat(turn.text("intent")).isEqualTo("GREETING");
        assertThat(turn.text("reply")).isNotBlank();
        assertThat(PROFILES.requests("GET", "/api/profiles/")).isNotEmpty(); // asked, and given up on
        assertThat(SERVICE.http().get("/metrics", null).raw())
                .containsPattern("conversation_profile_lookups_total\\{[^}]*source=\"unavailable\"} [1-9]");
    }
}
