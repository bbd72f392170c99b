package dev.voiceplane.app.smartwhitelist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.StubService;
import dev.voiceplane.catalog.Env;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * profile-analytics takes the call and never answers: the decision must not wait for it beyond
 * {@link SmartWhitelistModule#PROFILE_TIMEOUT}. The stub holds every profile request until the class
 * ends, so the budget runs out on every run, however busy the machine; the test asserts the fallback
 * (a degraded AI screening), not a duration.
 */
class ProfileAnalyticsHangsTest {

    static final StubService ANALYTICS = StubService.start().hang("GET", "/api/profiles/");

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("smart-whitelist", SmartWhitelistModule::new)
            .withEnv(Env.urlOf("profile-analytics"), ANALYTICS.url())
            .withBudget("profile-analytics", SmartWhitelistModule.PROFILE_TIMEOUT);

    @AfterAll
    static void stopStub() {
        ANALYTICS.close();
    }

    @Test
    void aProfileThatNeverComesDegradesTheDecisionToAiScreening() {
        ProfileAnalyticsDownTest.assertDegradedScreening(SERVICE, "olga", "+4930444444");
        assertThat(ANALYTICS.requests("GET", "/api/profiles/")).hasSize(1); // asked, and given up on
    }
}
