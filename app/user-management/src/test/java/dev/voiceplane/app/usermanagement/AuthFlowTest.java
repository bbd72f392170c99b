package dev.voiceplane.app.usermanagement;

import static dev.voiceplane.app.usermanagement.UserFixtures.PASSWORD;
import static dev.voiceplane.app.usermanagement.UserFixtures.login;
import static dev.voiceplane.app.usermanagement.UserFixtures.register;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.TestResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthFlowTest {

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("user-management", UserManagementModule::new);

    @Test
    void registrationValidatesItsInput() {
        TestResponse badEmail = SERVICE.http().post("/api/auth/register", Map.of("email", "nobody", "password", PASSWORD), null);
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.text("message")).isEqualTo("field 'email' must be an email address");
        TestResponse shortPassword = SERVICE.http().post("/api/auth/register", Map.of("email", "a@example.org", "password", "short"), null);
        assertThat(shortPassword.text("message")).isEqualTo("field 'password' must be at least 12 characters");
        TestResponse extra = SERVICE.http().post("/api/auth/register",
                Map.of("email", "a@example.org", "password", PASSWORD, "role", "admin"), null);
        assertThat(extra.status()).isEqualTo(400);
        assertThat(extra.text("message")).contains("unknown field 'role'");
    }

    @Test
    void anEmailCanOnlyBeRegisteredOnce() {
        register(SERVICE, "Twice@Example.org");
        TestResponse again = SERVICE.http().post("/api/auth/register", Map.of("email", "twice@example.org", "password", PASSWORD), null);
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSame401() {
        register(SERVICE, "wrong@example.org");
        TestResponse wrongPassword = login(SERVICE, "wrong@example.org", "not the password!", null, "d");
        TestResponse unknown = login(SERVICE, "nobody@example.org", PASSWORD, null, "d");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrongPassword.text("message")).isEqualTo(unknown.text("message"));
    }

    @Test
    void aLoginGivesTokensThatIdentifyTheAccount() {
        String id = register(SERVICE, "me@example.org");
        TestResponse tokens = login(SERVICE, "me@example.org");
        TestResponse me = SERVICE.http().get("/api/users/me", tokens.text("accessToken"));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("id")).isEqualTo(id);
        assertThat(me.raw()).doesNotContain("password").doesNotContain("Hash");
        assertThat(SERVICE.http().get("/api/users/me", null).status()).isEqualTo(401);
    }

    @Test
    void refreshTokensRotateAndAReusedOneRevokesTheSession() {
        register(SERVICE, "rotate@example.org");
        TestResponse first = login(SERVICE, "rotate@example.org");
        TestResponse second = SERVICE.http().post("/api/auth/refresh", Map.of("refreshToken", first.text("refreshToken")), null);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.text("refreshToken")).isNotEqualTo(first.text("refreshToken"));
        assertThat(second.text("sessionId")).isEqualTo(first.text("sessionId"));

        TestResponse replay = SERVICE.http().post("/api/auth/refresh", Map.of("refreshToken", first.text("refreshToken")), null);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.text("message")).contains("already used");
        // The whole family is gone: the legitimate holder's newer token and access token stop working too.
        assertThat(SERVICE.http().post("/api/auth/refresh", Map.of("refreshToken", second.text("refreshToken")), null).status())
                .isEqualTo(401);
        assertThat(SERVICE.http().get("/api/users/me", second.text("accessToken")).status()).isEqualTo(401);
    }

    @Test
    void aForgedRefreshTokenIsRefused() {
        assertThat(SERVICE.http().post("/api/auth/refresh", Map.of("refreshToken", "eyJhbGciOiJIUzI1NiJ9.e30.x"), null).status())
                .isEqualTo(401);
    }

    @Test
    void logoutEndsTheSession() {
        register(SERVICE, "bye@example.org");
        TestResponse tokens = login(SERVICE, "bye@example.org");
        assertThat(SERVICE.http().post("/api/auth/logout", Map.of(), tokens.text("accessToken")).status()).isEqualTo(204);
        assertThat(SERVICE.http().get("/api/users/me", tokens.text("accessToken")).status()).isEqualTo(401);
        assertThat(SERVICE.http().post("/api/auth/refresh", Map.of("refreshToken", tokens.text("refreshToken")), null).status())
                .isEqualTo(401);
    }

    @Test
    void accountsAndSessionsSurviveARestart() {
        String id = register(SERVICE, "durable@example.org");
        TestResponse tokens = login(SERVICE, "durable@example.org");
        SERVICE.restart();
        assertThat(SERVICE.http().get("/api/users/me", tokens.text("accessToken")).text("id")).isEqualTo(id);
        assertThat(SERVICE.http().post("/api/auth/refresh", Map.of("refreshToken", tokens.text("refreshToken")), null).status())
                .isEqualTo(200);
        assertThat(login(SERVICE, "durable@example.org").status()).isEqualTo(200);
    }
}
