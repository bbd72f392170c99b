package dev.voiceplane.app.bharatvoice.assistant.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.bharatvoice.assistant.AssistantModule;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.TestResponse;
import dev.voiceplane.catalog.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The auth endpoints are limited per client by core's Redis rate limiter: anonymous callers by IP
 * (60 requests in a fixed one-minute window), users by their id. Own class, so the 429s it causes
 * do not reach {@link AuthApiTest}.
 */
class AuthRateLimitTest {

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("bharatvoice-app", AssistantModule::new)
            .withEnv(Env.SUPPORTED_LANGUAGES, "en,hi");

    @Test
    void loginAttemptsFromOneAddressAreLimitedWithRetryAfter() {
        // 130 cheap attempts: however the fixed windows fall, one window sees more than 60.
        TestResponse last = null;
        for (int i = 0; i < 130; i++) {
            last = SERVICE.http().post("/api/auth/login", Map.of("email", "guess@example.in", "password", "guess number " + i), null);
            if (last.status() == 429) {
                break;
            }
            assertThat(last.status()).isEqualTo(401);
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
        // Another client (a signed-in user) is counted on its own.
        assertThat(SERVICE.http().get("/api/languages", SERVICE.token("someone", Role.USER)).status()).isEqualTo(200);
    }
}
