package dev.voiceplane.app.devstack.faults;

import dev.voiceplane.app.core.auth.AccessTokens;
import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.devstack.LocalRun;
import dev.voiceplane.app.testkit.LocalEnvironment;
import dev.voiceplane.app.testkit.TestHttp;
import dev.voiceplane.app.testkit.TestResponse;
import dev.voiceplane.catalog.SystemName;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** HTTP clients and tokens for the services of a local run. */
final class Clients {

    private final LocalRun run;
    private final AccessTokens aiNinja = AccessTokens.forSystem(LocalEnvironment.ACCESS_SECRET, SystemName.AI_NINJA, Clock.systemUTC());
    private final AccessTokens bharatvoice = AccessTokens.forSystem(LocalEnvironment.ACCESS_SECRET, SystemName.BHARATVOICE,
            Clock.systemUTC());

    Clients(LocalRun run) {
        this.run = run;
    }

    TestHttp http(String service) {
        return new TestHttp(run.stack().service(service).url());
    }

    String url(String service) {
        return run.stack().service(service).url();
    }

    String token(String subject, Role... roles) {
        return aiNinja.issue(new Principal(subject, Set.of(roles), ""), Duration.ofMinutes(30));
    }

    String bharatvoiceToken(String subject, Role... roles) {
        return bharatvoice.issue(new Principal(subject, Set.of(roles), ""), Duration.ofMinutes(30));
    }

    /** A decision as realtime-processor asks for it, with how long it took. */
    Timed decide(String userId, String caller) {
        long start = System.nanoTime();
        TestResponse response = http("smart-whitelist").post("/api/decisions", Map.of("userId", userId, "callerNumber", caller),
                token("realtime-processor", Role.SERVICE));
        return new Timed(response, (System.nanoTime() - start) / 1_000_000);
    }

    record Timed(TestResponse response, long millis) {
        String describe() {
            return response.status() + " " + (response.status() == 200 ? response.text("action") + (response.json().path("degraded")
                    .asBoolean() ? " (degraded, " + response.text("reason") + ")" : "") : response.text("message")) + " in " + millis + " ms";
        }
    }
}
