package dev.voiceplane.app.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.runtime.CallBudgets;
import dev.voiceplane.app.testkit.EmbeddedStores;
import dev.voiceplane.app.testkit.LocalEnvironment;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.TestHttp;
import dev.voiceplane.app.testkit.TestResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The local run wires real services together: smart-whitelist reads real profiles from profile-analytics. */
class LocalStackTest {

    @Test
    void whitelistDecisionsUseProfilesFromTheRealProfileAnalytics() {
        var tokens = new dev.voiceplane.app.core.auth.AccessTokens(LocalEnvironment.ACCESS_SECRET, Clock.systemUTC());
        String service = tokens.issue(new dev.voiceplane.app.core.auth.Principal("realtime-processor", Set.of(Role.SERVICE), ""),
                Duration.ofMinutes(5));
        try (LocalStack stack = LocalStack.start(EmbeddedStores.shared(), List.of("profile-analytics", "smart-whitelist"), false,
                CallBudgets.testFloor(ServiceUnderTest.BUDGET_FLOOR), LocalStack.Ports.FREE)) {
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
            // The stack runs with the testkit's budget floor: smart-whitelist waits for the real profile-analytics
            // however busy the machine is. What it does when the profile is late is its own tests' subject.
            TestResponse decision = whitelist.post("/api/decisions", Map.of("userId", "someone", "callerNumber", "+4969123123"), service);
            assertThat(decision.status()).isEqualTo(200);
            assertThat(decision.text("profileSource")).isEqualTo("service");
            assertThat(decision.text("action")).isEqualTo("BLOCK");
        }
    }

    @Test
    void aStackWithTheRealtimeProcessorStopsItsTelephonyStandInsWithItsServices() throws Exception {
        // The ACS stand-in's HTTP servers run on non-daemon threads: left running, a benchmark's JVM never exits.
        BenchExitTest.assertLeavesNoNonDaemonThread(() -> {
            try (LocalStack stack = LocalStack.start(EmbeddedStores.shared(), List.of("realtime-processor"), LocalStack.Ports.FREE)) {
                assertThat(stack.service("realtime-processor").runtime().port()).isNotEqualTo(3002);
            }
        });
    }
}
