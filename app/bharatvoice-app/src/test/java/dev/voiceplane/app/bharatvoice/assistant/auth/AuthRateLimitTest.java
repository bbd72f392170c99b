package dev.voiceplane.app.bharatvoice.assistant.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.bharatvoice.assistant.AssistantModule;
import dev.voiceplane.app.core.auth.RateLimitPolicy;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.TestResponse;
import dev.voiceplane.catalog.Env;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auth endpoints are limited per client by core's Redis rate limiter: anonymous callers by IP
 * (in production 60 requests in a fixed one-minute window), users by their id. Own class, so the 429s it causes
 * do not reach {@link AuthApiTest}.
 */
class AuthRateLimitTest {

    /**
     * Three anonymous requests an hour. With the default 60 a minute, 130 logins had to fit in two
     * minutes; each costs a bcrypt check, and with both cores busy they took 6 minutes, so no window
     * ever saw 61 and the test failed. Eight attempts span at most two hour-windows however they fall,
     * so one of them sees a fourth.
     */
    static final RateLimitPolicy LIMITS = new RateLimitPolicy(Duration.ofHours(1), 3, 600, RateLimitPolicy.UNLIMITED);

    /** The data volume of this class alone (the default one is shared by every build on the machine). */
    @TempDir
    static Path dataDir;

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("bharatvoice-app", () -> new AssistantModule(LIMITS))
            .withDataDirectory(() -> dataDir)
            .withEnv(Env.SUPPORTED_LANGUAGES, "en,hi");

    @Test
    void loginAttemptsFromOneAddressAreLimitedWithRetryAfter() {
        TestResponse last = null;
        for (int i = 0; i < 2 * LIMITS.anonymous() + 2; i++) {
            last = SERVICE.http().post("/api/auth/login", Map.of("email", "guess@example.in", "password", "guess number " + i), null);
            if (last.status() == 429) {
                break;
            }
            assertThat(last.status()).isEqualTo(401);
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 3600L));
        // Another client (a signed-in user) is counted on its own.
        assertThat(SERVICE.http().get("/api/languages", SERVICE.token("someone", Role.USER)).status()).isEqualTo(200);
    }
}
