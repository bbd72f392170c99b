package dev.voiceplane.app.smartwhitelist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.TestResponse;
import dev.voiceplane.catalog.Env;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With Redis unreachable, decisions come from the PostgreSQL lists and the pod stays ready. */
class RedisDownTest {

    static final FakeProfileAnalytics ANALYTICS = new FakeProfileAnalytics();

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("smart-whitelist", SmartWhitelistModule::new)
            .withEnv(Map.of(Env.urlOf("profile-analytics"), ANALYTICS.url(), Env.REDIS_PORT, Integer.toString(closedPort())));

    @AfterAll
    static void stopFake() {
        ANALYTICS.close();
    }

    /** A port nothing listens on: connections are refused at once. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestResponse decide(String userId, String caller) {
        return SERVICE.http().post("/api/decisions", Map.of("userId", userId, "callerNumber", caller),
                SERVICE.token("realtime-processor", Role.SERVICE));
    }

    @Test
    void decisionsFallBackToThePostgresListsAndWritesStillWork() {
        String token = SERVICE.token("rita", Role.USER);
        TestResponse blocked = SERVICE.http().post("/api/users/rita/entries", Map.of("number", "+4930100100", "kind", "BLOCK"), token);
        assertThat(blocked.status()).isEqualTo(201);
        SERVICE.http().post("/api/users/rita/entries", Map.of("number", "+4930100200", "kind", "ALLOW"), token);

        TestResponse block = decide("rita", "+4930100100");
        assertThat(block.status()).isEqualTo(200);
        assertThat(block.text("action")).isEqualTo("BLOCK");
        assertThat(decide("rita", "+4930100200").text("action")).isEqualTo("PUT_THROUGH");
        TestResponse unknown = decide("rita", "+4930100300");
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.text("action")).isEqualTo("AI_ANSWER");
    }

    @Test
    void readinessReportsRedisDegradedButStaysReady() {
        TestResponse ready = SERVICE.http().get("/health/ready", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("checks").path("redis").asText()).isEqualTo("degraded");
        assertThat(ready.json().path("checks").path("postgres").asText()).isEqualTo("up");
    }
}
