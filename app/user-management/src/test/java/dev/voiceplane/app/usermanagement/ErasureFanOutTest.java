package dev.voiceplane.app.usermanagement;

import static dev.voiceplane.app.usermanagement.UserFixtures.login;
import static dev.voiceplane.app.usermanagement.UserFixtures.register;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.Await;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.StubService;
import dev.voiceplane.app.testkit.TestResponse;
import dev.voiceplane.catalog.Env;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Erasure and export reach every service that stores the user's data: issue 10, item 5. */
class ErasureFanOutTest {

    static final List<String> HOLDERS = List.of("smart-whitelist", "profile-analytics", "conversation-analyzer", "conversation-engine");
    static final Map<String, StubService> STUBS = new LinkedHashMap<>();

    static {
        for (String holder : HOLDERS) {
            STUBS.put(holder, StubService.start()
                    .answer("DELETE", "/api/privacy/users/", r -> StubService.json(200, "{\"erased\":{}}"))
                    .answer("GET", "/api/privacy/users/", r -> StubService.json(200, "{\"service\":\"" + holder + "\",\"rows\":[1]}")));
        }
    }

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("user-management", UserManagementModule::new)
            .withEnv(environment());

    private static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        STUBS.forEach((name, stub) -> env.put(Env.urlOf(name), stub.url()));
        return env;
    }

    @AfterAll
    static void stopStubs() {
        STUBS.values().forEach(StubService::close);
    }

    @Test
    void anErasureIsDeliveredToEveryServiceAndRetriedUntilAcknowledged() {
        StubService analyzer = STUBS.get("conversation-analyzer");
        analyzer.down(true);
        String id = register(SERVICE, "fanout@example.org");
        String token = login(SERVICE, "fanout@example.org").text("accessToken");
        TestResponse erased = SERVICE.http().delete("/api/users/" + id, token);
        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.json().path("services").size()).isEqualTo(HOLDERS.size());

        for (String holder : List.of("smart-whitelist", "profile-analytics", "conversation-engine")) {
            Await.until(() -> STUBS.get(holder).requests("DELETE", "/api/privacy/users/" + id).size() == 1);
        }
        String admin = SERVICE.token("ops", Role.ADMIN);
        assertThat(SERVICE.http().get("/api/admin/erasures/" + id, admin).text("conversation-analyzer")).isEqualTo("pending");

        analyzer.down(false);
        Await.until(() -> "acknowledged".equals(SERVICE.http().get("/api/admin/erasures/" + id, admin).text("conversation-analyzer")));
        assertThat(analyzer.requests("DELETE", "/api/privacy/users/" + id)).isNotEmpty()
                .allSatisfy(r -> assertThat(r.authorization()).startsWith("Bearer "));
        TestResponse status = SERVICE.http().get("/api/admin/erasures/" + id, admin);
        HOLDERS.forEach(holder -> assertThat(status.text(holder)).isEqualTo("acknowledged"));
    }

    @Test
    void anExportGathersEveryServicesData() {
        String id = register(SERVICE, "export-all@example.org");
        String token = login(SERVICE, "export-all@example.org").text("accessToken");
        TestResponse export = SERVICE.http().get("/api/users/" + id + "/export", token);
        assertThat(export.status()).isEqualTo(200);
        HOLDERS.forEach(holder -> assertThat(export.json().path("services").path(holder).path("service").asText()).isEqualTo(holder));
        assertThat(export.json().path("complete").asBoolean()).isTrue();
    }
}
