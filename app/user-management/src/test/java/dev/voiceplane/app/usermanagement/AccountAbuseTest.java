package dev.voiceplane.app.usermanagement;

import static dev.voiceplane.app.usermanagement.UserFixtures.PASSWORD;
import static dev.voiceplane.app.usermanagement.UserFixtures.login;
import static dev.voiceplane.app.usermanagement.UserFixtures.register;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.TestResponse;
import dev.voiceplane.catalog.Env;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Lockouts, forged addresses, demotion and the TOTP seed at rest: issue 10, items 3, 8 and 10. */
class AccountAbuseTest {

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("user-management", UserManagementModule::new)
            .withEnv(Map.of(Env.LOGIN_MAX_FAILURES, "5", Env.LOGIN_LOCKOUT_SECONDS, "60",
                    // Rate limits per address are tested elsewhere; here the account lockout must stop the guessing.
                    Env.FEATURE_RATE_LIMITING_ENABLED, "false"));

    private final Totp totp = new Totp();

    @Test
    void manyWrongPasswordsLockTheAccountEvenAgainstTheRightOne() {
        register(SERVICE, "guessed@example.org");
        for (int i = 0; i < 5; i++) {
            assertThat(login(SERVICE, "guessed@example.org", "wrong password " + i, null, "d").status()).isEqualTo(401);
        }
        TestResponse locked = login(SERVICE, "guessed@example.org", PASSWORD, null, "d");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(locked.text("message")).contains("locked");
    }

    @Test
    void wrongTotpCodesLockTheAccountToo() {
        register(SERVICE, "totp-guess@example.org");
        String access = login(SERVICE, "totp-guess@example.org").text("accessToken");
        String secret = SERVICE.http().post("/api/mfa/enrol", Map.of(), access).text("secret");
        assertThat(SERVICE.http().post("/api/mfa/confirm", Map.of("code", totp.codeAt(secret, Instant.now())), access).status())
                .isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            String wrong = String.format("%06d", (Integer.parseInt(totp.codeAt(secret, Instant.now())) + 1 + i) % 1_000_000);
            assertThat(login(SERVICE, "totp-guess@example.org", PASSWORD, wrong, "d").status()).isEqualTo(401);
        }
        TestResponse locked = login(SERVICE, "totp-guess@example.org", PASSWORD, totp.codeAt(secret, Instant.now().plusSeconds(30)), "d");
        assertThat(locked.status()).isEqualTo(429);
    }

    @Test
    void aRightLoginBeforeTheLimitResetsTheCount() {
        register(SERVICE, "typo@example.org");
        for (int i = 0; i < 4; i++) {
            login(SERVICE, "typo@example.org", "typo " + i, null, "d");
        }
        assertThat(login(SERVICE, "typo@example.org", PASSWORD, null, "d").status()).isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            login(SERVICE, "typo@example.org", "typo again " + i, null, "d");
        }
        assertThat(login(SERVICE, "typo@example.org", PASSWORD, null, "d").status()).isEqualTo(200);
    }

    @Test
    void aForgedRealIpHeaderDoesNotReachTheAuditLog() {
        String id = register(SERVICE, "forged@example.org");
        SERVICE.http().send("POST", "/api/auth/login", Map.of("email", "forged@example.org", "password", PASSWORD,
                "deviceFingerprint", "d"), null);
        TestResponse audit = SERVICE.http().get("/api/audit?accountId=" + id, SERVICE.token("operator", Role.ADMIN));
        audit.json().forEach(event -> assertThat(event.path("ip").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1", ""));
        TestResponse forged = SERVICE.http().sendWithHeaders("POST", "/api/auth/login", Map.of("email", "forged@example.org",
                "password", PASSWORD, "deviceFingerprint", "d"), null, Map.of("X-Real-IP", "203.0.113.99"));
        assertThat(forged.status()).isEqualTo(200);
        assertThat(SERVICE.http().get("/api/audit?accountId=" + id, SERVICE.token("operator", Role.ADMIN)).raw())
                .doesNotContain("203.0.113.99");
    }

    @Test
    void aDemotedAdminLosesAdminRightsAtOnce() throws Exception {
        String id = register(SERVICE, "demoted@example.org");
        setRolesInDatabase(id, "admin,user");
        String adminToken = login(SERVICE, "demoted@example.org").text("accessToken");
        assertThat(SERVICE.http().get("/api/audit", adminToken).status()).isEqualTo(200);
        String other = register(SERVICE, "boss@example.org");
        setRolesInDatabase(other, "admin,user");
        String boss = login(SERVICE, "boss@example.org").text("accessToken");
        assertThat(SERVICE.http().put("/api/users/" + id + "/roles", Map.of("roles", List.of("user")), boss).status()).isEqualTo(200);
        assertThat(SERVICE.http().get("/api/audit", adminToken).status()).isEqualTo(401);
        // A new login gets the new roles.
        String userToken = login(SERVICE, "demoted@example.org").text("accessToken");
        assertThat(SERVICE.http().get("/api/audit", userToken).status()).isEqualTo(403);
        assertThat(SERVICE.http().get("/api/users/me", userToken).status()).isEqualTo(200);
    }

    @Test
    void anErasedUsersTokenIsRefusedAtOnce() {
        String id = register(SERVICE, "gone@example.org");
        String token = login(SERVICE, "gone@example.org").text("accessToken");
        assertThat(SERVICE.http().delete("/api/users/" + id, token).status()).isEqualTo(200);
        assertThat(SERVICE.runtime().context().revocations().revokedSince(id)).isPresent();
    }

    @Test
    void theTotpSeedIsNotStoredInPlaintext() throws Exception {
        String id = register(SERVICE, "seed@example.org");
        String access = login(SERVICE, "seed@example.org").text("accessToken");
        String secret = SERVICE.http().post("/api/mfa/enrol", Map.of(), access).text("secret");
        String stored = column(id, "mfa_secret");
        assertThat(stored).isNotNull().doesNotContain(secret);
        assertThat(SERVICE.http().post("/api/mfa/confirm", Map.of("code", totp.codeAt(secret, Instant.now())), access).status())
                .isEqualTo(200);
    }

    @Test
    void loginCountersExistAtZeroFromTheStart() {
        String metrics = SERVICE.http().get("/metrics", null).raw();
        assertThat(metrics).contains("user_logins_total{result=\"locked\",service=\"user-management\"}")
                .contains("gdpr_requests_total{kind=\"erasure\",service=\"user-management\"}")
                .contains("refresh_token_reuse_total{service=\"user-management\"}");
    }

    private static Connection connect() throws Exception {
        Map<String, String> env = SERVICE.environment();
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + env.get(Env.DB_PORT) + "/" + env.get(Env.DB_NAME),
                env.get(Env.DB_USERNAME), env.get(Env.DB_PASSWORD));
    }

    private static void setRolesInDatabase(String id, String roles) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE account SET roles = '" + roles + "' WHERE id = '" + id + "'");
        }
    }

    private static String column(String id, String column) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + column + " FROM account WHERE id = '" + id + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
