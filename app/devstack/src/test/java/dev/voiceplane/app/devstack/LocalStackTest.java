package dev.voiceplane.app.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.Await;
import dev.voiceplane.app.testkit.EmbeddedStores;
import dev.voiceplane.app.testkit.LocalEnvironment;
import dev.voiceplane.app.testkit.TestHttp;
import dev.voiceplane.app.testkit.TestResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The local run wires real services together: smart-whitelist reads real profiles from profile-analytics. */
class LocalStackTest {

    @Test
    void whitelistDecisionsUseProfilesFromTheRealProfileAnalytics() {
        var tokens = new dev.voiceplane.app.core.auth.AccessTokens(LocalEnvironment.ACCESS_SECRET, Clock.systemUTC());
        String service = tokens.issue(new dev.voiceplane.app.core.auth.Principal("realtime-processor", Set.of(Role.SERVICE), ""),
                Duration.ofMinutes(5));
        try (LocalStack stack = LocalStack.start(EmbeddedStores.shared(), List.of("profile-analytics", "smart-whitelist"))) {
            TestHttp analytics = new TestHttp(stack.service("profile-analytics").url());
            for (int i = 0; i < 5; i++) {
                TestResponse posted = analytics.post("/api/calls", Map.of("callId", "local-" + i, "userId", "victim-" + i,
                        "callerNumber", "+4969123123", "startedAt", Instant.now().toString(), "durationSeconds", 12,
                        "outcome", "AI_HANDLED", "spamCategory", "SCAM", "callerAsserted", true), service);
                assertThat(posted.status()).isEqualTo(201);
                assertThat(analytics.post("/api/spam-reports", Map.of("callerNumber", "+4969123123", "category", "SCAM"),
                        tokens.issue(new dev.voiceplane.app.core.auth.Principal("victim-" + i, Set.of(Role.USER), ""), Duration.ofMinutes(5)))
                        .status()).isEqualTo(201);
            }
            TestHttp whitelist = new TestHttp(stack.service("smart-whitelist").url());
            // smart-whitelist gives profile-analytics 800 ms (its production budget) and decides degraded when it is
            // slower, as a cold JVM on a busy 2-core machine can be: ask until a decision carries the service's
            // profile, then check that profile decided. The budget itself is smart-whitelist's own tests' subject.
            AtomicReference<TestResponse> decision = new AtomicReference<>();
            Await.until(() -> {
                decision.set(whitelist.post("/api/decisions", Map.of("userId", "someone", "callerNumber", "+4969123123"), service));
                return decision.get().status() == 200 && "service".equals(decision.get().text("profileSource"));
            });
            assertThat(decision.get().text("action")).isEqualTo("BLOCK");
        }
    }
}
