package dev.voiceplane.app.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.http.CorrelationId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CoreRuntimeTest {

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of(SampleService.SPEC, SampleService::new);

    @Test
    void liveAndReadyAnswerWithoutAToken() {
        assertThat(SERVICE.http().get("/health/live", null).status()).isEqualTo(200);
        TestResponse ready = SERVICE.http().get("/health/ready", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("checks").path("postgres").asText()).isEqualTo("up");
        assertThat(ready.json().path("checks").path("redis").asText()).isEqualTo("up");
    }

    @Test
    void metricsExposeLatencyHistogramsPerRouteTemplate() {
        SERVICE.http().get("/api/notes", SERVICE.token("metrics-user", Role.USER));
        String metrics = SERVICE.http().get("/metrics", null).raw();
        assertThat(metrics).contains("http_server_requests_seconds_bucket{")
                .contains("route=\"/api/notes\"")
                .contains("service=\"sample\"")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void aRequestWithoutATokenIsRefusedWith401() {
        TestResponse response = SERVICE.http().get("/api/notes", null);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.text("message")).contains("access token is required");
    }

    @Test
    void aForgedTokenIsRefusedWith401() {
        String forged = SERVICE.token("u1", Role.USER) + "x";
        assertThat(SERVICE.http().get("/api/notes", forged).status()).isEqualTo(401);
        assertThat(SERVICE.http().get("/api/notes", "not-a-jwt").status()).isEqualTo(401);
    }

    @Test
    void aTokenWithoutTheRouteRoleIsRefusedWith403() {
        TestResponse response = SERVICE.http().get("/api/admin", SERVICE.token("u1", Role.USER));
        assertThat(response.status()).isEqualTo(403);
        assertThat(SERVICE.http().get("/api/admin", SERVICE.token("root", Role.ADMIN)).status()).isEqualTo(200);
    }

    @Test
    void malformedJsonIsA400NamingTheProblem() {
        TestResponse response = SERVICE.http().post("/api/notes", "{not json", SERVICE.token("u2", Role.USER));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("message")).startsWith("request body is not valid JSON");
    }

    @Test
    void invalidFieldsAreA400NamingTheField() {
        String token = SERVICE.token("u3", Role.USER);
        assertThat(SERVICE.http().post("/api/notes", Map.of("text", ""), token).text("message")).isEqualTo("field 'text' is required");
        TestResponse unknown = SERVICE.http().post("/api/notes", Map.of("text", "a", "colour", "red"), token);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text("message")).contains("unknown field 'colour'");
    }

    @Test
    void theCorrelationIdIsEchoedAndMintedWhenAbsent() {
        TestResponse response = SERVICE.http().get("/health/live", null);
        assertThat(response.headers().firstValue(CorrelationId.HEADER)).isPresent();
    }

    @Test
    void unknownPathsAreA404InTheErrorFormat() {
        TestResponse response = SERVICE.http().get("/nowhere", null);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.text("message")).contains("/nowhere");
    }

    @Test
    void probesAndMetricsAreNeverRateLimited() {
        for (int i = 0; i < 12; i++) {
            assertThat(SERVICE.http().get("/health/live", null).status()).isEqualTo(200);
            assertThat(SERVICE.http().get("/health/ready", null).status()).isEqualTo(200);
            assertThat(SERVICE.http().get("/metrics", null).status()).isEqualTo(200);
        }
    }

    @Test
    void eachClientIsRateLimitedWithRetryAfter() {
        String token = SERVICE.token("busy-user", Role.USER);
        int lastStatus = 0;
        for (int i = 0; i < 21; i++) {
            lastStatus = SERVICE.http().get("/api/notes", token).status();
        }
        assertThat(lastStatus).isEqualTo(429);
        TestResponse refused = SERVICE.http().get("/api/notes", token);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        // Another client is unaffected.
        assertThat(SERVICE.http().get("/api/notes", SERVICE.token("calm-user", Role.USER)).status()).isEqualTo(200);
    }
}
