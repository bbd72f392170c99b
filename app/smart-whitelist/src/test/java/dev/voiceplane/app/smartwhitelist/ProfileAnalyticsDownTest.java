package dev.voiceplane.app.smartwhitelist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.TestResponse;
import dev.voiceplane.catalog.Env;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProfileAnalyticsDownTest {

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("smart-whitelist", SmartWhitelistModule::new)
            .withEnv(Env.urlOf("profile-analytics"), "http://127.0.0.1:" + closedPort());

    /** A port nothing listens on: bound, read, released. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void decisionsDegradeToAiScreeningAndTheServiceStaysReady() {
        assertDegradedScreening(SERVICE, "ivy", "+4930333333");
        assertThat(SERVICE.http().get("/health/ready", null).status()).isEqualTo(200);
    }

    /** A decision without a profile: answered, AI screening, marked degraded, the lookup {@code unavailable}. */
    static TestResponse assertDegradedScreening(ServiceUnderTest service, String userId, String caller) {
        TestResponse decision = service.http().post("/api/decisions", Map.of("userId", userId, "callerNumber", caller),
                service.token("realtime-processor", Role.SERVICE));
        assertThat(decision.status()).isEqualTo(200);
        assertThat(decision.text("action")).isEqualTo("AI_ANSWER");
        assertThat(decision.text("reason")).isEqualTo("screened");
        assertThat(decision.text("profileSource")).isEqualTo("unavailable");
        assertThat(decision.json().path("degraded").asBoolean()).isTrue();
        return decision;
    }
}
