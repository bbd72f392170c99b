package dev.voiceplane.app.usermanagement;

import static dev.voiceplane.app.usermanagement.UserFixtures.PASSWORD;
import static dev.voiceplane.app.usermanagement.UserFixtures.login;
import static dev.voiceplane.app.usermanagement.UserFixtures.register;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.TestResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccountAdminTest {

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("user-management", UserManagementModule::new);

    private static String admin() {
        return SERVICE.token("operator", Role.ADMIN);
    }

    private static List<String> actions(JsonNode events) {
        List<String> actions = new ArrayList<>();
        events.forEach(e -> actions.add(e.path("action").asText()));
        return actions;
    }

    @Test
    void onlyAdminsChangeRolesAndTheChangeIsAudited() {
        String id = register(SERVICE, "promote@example.org");
        String user = login(SERVICE, "promote@example.org").text("accessToken");
        assertThat(SERVICE.http().put("/api/users/" + id + "/roles", Map.of("roles", List.of("admin")), user).status()).isEqualTo(403);
        assertThat(SERVICE.http().put("/api/users/" + id + "/roles", Map.of("roles", List.of("root")), admin()).text("message"))
                .isEqualTo("field 'roles': 'root' is not one of: user, admin");
        TestResponse promoted = SERVICE.http().put("/api/users/" + id + "/roles", Map.of("roles", List.of("user", "admin")), admin());
        assertThat(promoted.json().path("roles").toString()).isEqualTo("[\"admin\",\"user\"]");
        assertThat(actions(SERVICE.http().get("/api/audit?accountId=" + id, admin()).json())).contains("roles.changed", "login.succeeded");
        // A role change revokes the tokens issued before it: they carry the old roles.
        assertThat(SERVICE.http().get("/api/audit", user).status()).isEqualTo(401);
        assertThat(SERVICE.http().get("/api/audit?accountId=nope", admin()).status()).isEqualTo(400);
    }

    @Test
    void sessionsListDevicesByHashedFingerprintAndCanBeRevoked() {
        register(SERVICE, "devices@example.org");
        login(SERVICE, "devices@example.org", PASSWORD, null, "raw-fingerprint-A");
        TestResponse b = login(SERVICE, "devices@example.org", PASSWORD, null, "raw-fingerprint-B");
        JsonNode sessions = SERVICE.http().get("/api/sessions", b.text("accessToken")).json();
        assertThat(sessions.size()).isEqualTo(2);
        assertThat(sessions.toString()).doesNotContain("raw-fingerprint");
        assertThat(sessions.get(0).path("deviceFingerprint").asText()).hasSize(64);
        String other = sessions.get(0).path("current").asBoolean() ? sessions.get(1).path("id").asText() : sessions.get(0).path("id").asText();
        assertThat(SERVICE.http().delete("/api/sessions/" + other, b.text("accessToken")).status()).isEqualTo(204);
        assertThat(SERVICE.http().delete("/api/sessions/" + other, b.text("accessToken")).status()).isEqualTo(404);
    }

    @Test
    void aUserExportsTheirDataButNotSomeoneElses() {
        String id = register(SERVICE, "export@example.org");
        String token = login(SERVICE, "export@example.org").text("accessToken");
        String otherId = register(SERVICE, "other@example.org");
        TestResponse export = SERVICE.http().get("/api/users/" + id + "/export", token);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.json().path("account").path("email").asText()).isEqualTo("export@example.org");
        assertThat(export.json().path("sessions").size()).isEqualTo(1);
        assertThat(actions(export.json().path("auditEvents"))).contains("account.registered", "login.succeeded");
        assertThat(SERVICE.http().get("/api/users/" + otherId + "/export", token).status()).isEqualTo(403);
    }

    @Test
    void erasureRemovesThePersonAndKeepsOnlyAPseudonymousTrail() {
        String id = register(SERVICE, "forget@example.org");
        String token = login(SERVICE, "forget@example.org").text("accessToken");
        TestResponse erased = SERVICE.http().delete("/api/users/" + id, token);
        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.text("retained")).contains("365 days");

        assertThat(login(SERVICE, "forget@example.org", PASSWORD, null, "device-1").status()).isEqualTo(401);
        assertThat(SERVICE.http().get("/api/users/" + id, admin()).status()).isEqualTo(404);
        JsonNode trail = SERVICE.http().get("/api/audit?accountId=" + id, admin()).json();
        assertThat(actions(trail)).contains("gdpr.erasure", "account.registered");
        trail.forEach(event -> assertThat(event.path("ip").isNull()).isTrue());
        // The email is free again for a new account.
        register(SERVICE, "forget@example.org");
    }

    @Test
    void theRetentionSweepIsAdminOnly() {
        assertThat(SERVICE.http().post("/api/admin/retention/sweep", Map.of(), admin()).json().has("auditEvents")).isTrue();
        assertThat(SERVICE.http().post("/api/admin/retention/sweep", Map.of(), SERVICE.token("u", Role.USER)).status()).isEqualTo(403);
    }
}
