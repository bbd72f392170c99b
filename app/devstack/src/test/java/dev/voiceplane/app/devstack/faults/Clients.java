package dev.voiceplane.app.devstack.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.auth.AccessTokens;
import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.devstack.LocalRun;
import dev.voiceplane.app.testkit.LocalEnvironment;
import dev.voiceplane.app.testkit.TestHttp;
import dev.voiceplane.app.testkit.TestResponse;
import dev.voiceplane.catalog.SystemName;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** HTTP clients, call sockets and tokens for the services of a local run. */
final class Clients {

    /** Only against a hang: a loaded machine must never fail the suite by being slow. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String GATEWAY = "telephony-gateway";

    private final LocalRun run;
    private final AccessTokens aiNinja = AccessTokens.forSystem(LocalEnvironment.ACCESS_SECRET, SystemName.AI_NINJA, Clock.systemUTC());
    private final AccessTokens bharatvoice = AccessTokens.forSystem(LocalEnvironment.ACCESS_SECRET, SystemName.BHARATVOICE,
            Clock.systemUTC());
    private final HttpClient raw = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    Clients(LocalRun run) {
        this.run = run;
    }

    LocalRun run() {
        return run;
    }

    TestHttp http(String service) {
        return new TestHttp(url(service));
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

    /** A call as a telephony gateway places it (the only kind of client that may name the caller). */
    CallSocket gatewayCall() throws Exception {
        return CallSocket.open(url("realtime-processor"), token(GATEWAY, Role.SERVICE));
    }

    /** A decision as realtime-processor asks for it, with how long it took. */
    Timed decide(String userId, String caller) {
        long start = System.nanoTime();
        TestResponse response = http("smart-whitelist").post("/api/decisions", Map.of("userId", userId, "callerNumber", caller),
                token("realtime-processor", Role.SERVICE));
        return new Timed(response, (System.nanoTime() - start) / 1_000_000);
    }

    /** {@code GET /metrics} of a service. */
    String metrics(String service) {
        return http(service).get("/metrics", null).raw();
    }

    /** A voice upload to bharatvoice-app: status and body. */
    HttpResponse<String> upload(byte[] wav, String user) throws Exception {
        return raw.send(HttpRequest.newBuilder(URI.create(url("bharatvoice-app") + "/api/voice/uploads?language=en"))
                .header("Content-Type", "audio/wav").header("Authorization", "Bearer " + bharatvoiceToken(user, Role.USER))
                .timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.ofByteArray(wav)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A BharatVoice job's status as its API shows it to an operator. */
    String jobStatus(String jobId) {
        TestResponse job = http("bharatvoice-app").get("/api/jobs/" + jobId, bharatvoiceToken("ops", Role.ADMIN));
        return job.status() == 200 ? job.text("status") : Integer.toString(job.status());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.mapper().readTree(response.body());
        } catch (java.io.IOException e) {
            return Json.mapper().createObjectNode().put("body", response.body());
        }
    }

    record Timed(TestResponse response, long millis) {
        String describe() {
            return response.status() + " " + (response.status() == 200 ? response.text("action") + (response.json().path("degraded")
                    .asBoolean() ? " (degraded, " + response.text("reason") + ")" : "") : response.text("message")) + " in " + millis + " ms";
        }
    }
}
