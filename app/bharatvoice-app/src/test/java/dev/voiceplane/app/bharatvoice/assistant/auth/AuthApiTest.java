package dev.voiceplane.app.bharatvoice.assistant.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.bharatvoice.assistant.AssistantModule;
import dev.voiceplane.app.core.auth.AccessTokens;
import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.LocalEnvironment;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.TestResponse;
import dev.voiceplane.catalog.Env;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/auth} against the embedded PostgreSQL and Redis. Register, login and refresh are
 * anonymous and so share one per-IP rate limit (60 a minute): this class stays well below it;
 * {@link AuthRateLimitTest} goes past it.
 */
class AuthApiTest {

    /** The data volume of this class alone (the default one is shared by every build on the machine). */
    @TempDir
    static Path dataDir;

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("bharatvoice-app", AssistantModule::new)
            .withDataDirectory(() -> dataDir)
            .withEnv(Env.SUPPORTED_LANGUAGES, "en,hi,ta");

    static final String PASSWORD = "correct horse battery";

    private static TestResponse register(Map<String, Object> body) {
        return SERVICE.http().post("/api/auth/register", body, null);
    }

    private static TestResponse login(Map<String, Object> body) {
        return SERVICE.http().post("/api/auth/login", body, null);
    }

    private static TestResponse refresh(String token) {
        return SERVICE.http().post("/api/auth/refresh", Map.of("refreshToken", token), null);
    }

    private static TestResponse registerAndLogin(String email) {
        assertThat(register(Map.of("email", email, "password", PASSWORD, "preferredLanguage", "hi")).status()).isEqualTo(201);
        TestResponse tokens = login(Map.of("email", email, "password", PASSWORD));
        assertThat(tokens.status()).isEqualTo(200);
        return tokens;
    }

    @Test
    void aRegisteredUserLogsInAndCallsTheAssistantWithTheAccessToken() {
        TestResponse account = register(Map.of("email", "Asha@Example.in", "phone", "+91 98765 43210", "password", PASSWORD,
                "preferredLanguage", "hi"));
        assertThat(account.status()).isEqualTo(201);
        assertThat(account.text("email")).isEqualTo("asha@example.in");
        assertThat(account.text("phone")).isEqualTo("+919876543210");
        assertThat(account.text("preferredLanguage")).isEqualTo("hi");
        assertThat(account.raw()).doesNotContain(PASSWORD).doesNotContainIgnoringCase("hash");
        String userId = account.text("userId");

        TestResponse tokens = login(Map.of("phone", "+919876543210", "password", PASSWORD));
        assertThat(tokens.status()).isEqualTo(200);
        assertThat(tokens.text("tokenType")).isEqualTo("Bearer");
        assertThat(tokens.json().path("expiresIn").asLong()).isEqualTo(900);
        assertThat(tokens.text("userId")).isEqualTo(userId);
        assertThat(tokens.text("preferredLanguage")).isEqualTo("hi");
        assertThat(tokens.text("refreshToken")).matches("[A-Za-z0-9_-]{43}");

        // The access token is core's: JWT_ACCESS_SECRET, role user, the user id as subject, the session as sid.
        Optional<Principal> principal = AccessTokens.forSystem(LocalEnvironment.ACCESS_SECRET, dev.voiceplane.catalog.SystemName.BHARATVOICE, Clock.systemUTC())
                .verify(tokens.text("accessToken"));
        assertThat(principal).hasValueSatisfying(p -> {
            assertThat(p.subject()).isEqualTo(userId);
            assertThat(p.roles()).containsExactly(Role.USER);
            assertThat(p.sessionId()).isEqualTo(tokens.text("sessionId"));
        });

        String access = tokens.text("accessToken");
        TestResponse answer = SERVICE.http().post("/api/queries", Map.of("text", "Which number do I call in an emergency?"), access);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text("answer")).contains("112");
        assertThat(SERVICE.http().get("/api/queries", access).json()).hasSize(1);
        // An email login works as well, with the address in any case.
        assertThat(login(Map.of("email", "ASHA@example.in", "password", PASSWORD)).status()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordOrAnUnknownAccountIsTheSame401() {
        registerAndLogin("ravi@example.in");
        TestResponse wrongPassword = login(Map.of("email", "ravi@example.in", "password", "not the password at all"));
        TestResponse unknown = login(Map.of("email", "nobody@example.in", "password", PASSWORD));
        TestResponse unknownPhone = login(Map.of("phone", "+911234567890", "password", PASSWORD));
        assertThat(List.of(wrongPassword.status(), unknown.status(), unknownPhone.status())).containsOnly(401);
        assertThat(wrongPassword.text("message")).isEqualTo(unknown.text("message")).isEqualTo(unknownPhone.text("message"))
                .isEqualTo(AuthService.BAD_CREDENTIALS);
        assertThat(wrongPassword.raw()).doesNotContain("not the password at all");
    }

    @Test
    void badInputIs400NamingTheFieldAndNeverEchoesThePassword() {
        String secret = "short-pw";
        assertThat(register(Map.of("email", "x@example.in", "password", secret, "preferredLanguage", "en")).text("message"))
                .isEqualTo("field 'password' must be at least 12 characters").doesNotContain(secret);
        assertThat(register(Map.of("email", "not-an-email", "password", PASSWORD, "preferredLanguage", "en")).text("message"))
                .isEqualTo("field 'email' must be an email address");
        assertThat(register(Map.of("phone", "98765", "password", PASSWORD, "preferredLanguage", "en")).text("message"))
                .startsWith("field 'phone' must be an E.164 number");
        assertThat(register(Map.of("password", PASSWORD, "preferredLanguage", "en")).text("message"))
                .isEqualTo("field 'email' or field 'phone' is required");
        TestResponse punjabi = register(Map.of("email", "x@example.in", "password", PASSWORD, "preferredLanguage", "pa"));
        assertThat(punjabi.status()).isEqualTo(400);
        assertThat(punjabi.text("message")).startsWith("field 'preferredLanguage' must be one of [en, hi, ta]");
        assertThat(register(Map.of("email", "x@example.in", "password", PASSWORD)).text("message"))
                .isEqualTo("field 'preferredLanguage' is required");
        assertThat(login(Map.of("email", "x@example.in", "phone", "+919876543210", "password", PASSWORD)).text("message"))
                .isEqualTo("give field 'email' or field 'phone', not both");
        TestResponse noPassword = login(Map.of("email", "x@example.in"));
        assertThat(noPassword.status()).isEqualTo(400);
        assertThat(noPassword.text("message")).isEqualTo("field 'password' is required");
        TestResponse unknownField = SERVICE.http().post("/api/auth/login",
                "{\"email\":\"x@example.in\",\"password\":\"" + PASSWORD + "\",\"remember\":true}", null);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.text("message")).startsWith("unknown field 'remember'").doesNotContain(PASSWORD);
        TestResponse badToken = refresh("eyJhbGciOiJIUzI1NiJ9.not-ours");
        assertThat(badToken.status()).isEqualTo(400);
        assertThat(badToken.text("message")).startsWith("field 'refreshToken' must be").doesNotContain("not-ours");
    }

    @Test
    void aSecondAccountWithTheSameEmailOrPhoneIs409() {
        assertThat(register(Map.of("email", "meena@example.in", "phone", "+919800000001", "password", PASSWORD,
                "preferredLanguage", "ta")).status()).isEqualTo(201);
        assertThat(register(Map.of("email", "MEENA@example.in", "password", PASSWORD, "preferredLanguage", "ta")).status())
                .isEqualTo(409);
        TestResponse samePhone = register(Map.of("email", "other@example.in", "phone", "+91 98000 00001", "password", PASSWORD,
                "preferredLanguage", "en"));
        assertThat(samePhone.status()).isEqualTo(409);
        // Nothing of the refused registration was kept.
        assertThat(login(Map.of("email", "other@example.in", "password", PASSWORD)).status()).isEqualTo(401);
    }

    @Test
    void refreshRotatesAndAReusedTokenRevokesItsWholeFamilyOnly() {
        TestResponse first = registerAndLogin("kiran@example.in");
        String r1 = first.text("refreshToken");

        TestResponse second = refresh(r1);
        assertThat(second.status()).isEqualTo(200);
        String r2 = second.text("refreshToken");
        assertThat(r2).isNotEqualTo(r1);
        assertThat(second.text("sessionId")).isEqualTo(first.text("sessionId"));
        assertThat(SERVICE.http().get("/api/queries", second.text("accessToken")).status()).isEqualTo(200);
        String r3 = refresh(r2).text("refreshToken");

        // Another login of the same user is another family and must survive the reuse below.
        String otherDevice = login(Map.of("email", "kiran@example.in", "password", PASSWORD)).text("refreshToken");

        TestResponse reused = refresh(r1);
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.text("message")).contains("already used");
        assertThat(refresh(r3).status()).as("the newest token of the reused family").isEqualTo(401);
        assertThat(refresh(otherDevice).status()).isEqualTo(200);

        // Hashed at rest: the table holds SHA-256 values, never a token itself.
        List<String> stored = jdbi().withHandle(h -> h.createQuery("SELECT token_hash FROM refresh_token").mapTo(String.class).list());
        assertThat(stored).contains(RefreshTokens.hash(r1), RefreshTokens.hash(r3)).doesNotContain(r1, r2, r3)
                .allMatch(s -> s.matches("[0-9a-f]{64}"));
        String passwordHash = jdbi().withHandle(h -> h.createQuery("SELECT password_hash FROM user_account WHERE email = 'kiran@example.in'")
                .mapTo(String.class).one());
        assertThat(passwordHash).startsWith("$2b$10$").doesNotContain(PASSWORD);
    }

    @Test
    void logoutEndsTheSessionsRefreshTokens() {
        TestResponse tokens = registerAndLogin("dev@example.in");
        assertThat(SERVICE.http().post("/api/auth/logout", null, null).status()).isEqualTo(401);
        assertThat(SERVICE.http().post("/api/auth/logout", null, tokens.text("accessToken")).status()).isEqualTo(204);
        TestResponse after = refresh(tokens.text("refreshToken"));
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.text("message")).isEqualTo(AuthService.BAD_REFRESH_TOKEN);
    }

    @Test
    void accountsAndRefreshTokensSurviveARestart() {
        TestResponse before = registerAndLogin("lata@example.in");

        SERVICE.restart();

        TestResponse rotated = refresh(before.text("refreshToken"));
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.text("userId")).isEqualTo(before.text("userId"));
        assertThat(SERVICE.http().get("/api/queries", rotated.text("accessToken")).status()).isEqualTo(200);
        assertThat(login(Map.of("email", "lata@example.in", "password", PASSWORD)).status()).isEqualTo(200);
        assertThat(register(Map.of("email", "lata@example.in", "password", PASSWORD, "preferredLanguage", "en")).status())
                .isEqualTo(409);
    }

    private static Jdbi jdbi() {
        Map<String, String> env = new HashMap<>(SERVICE.environment());
        return Jdbi.create("jdbc:postgresql://" + env.get(Env.DB_HOST) + ":" + env.get(Env.DB_PORT) + "/" + env.get(Env.DB_NAME),
                env.get(Env.DB_USERNAME), env.get(Env.DB_PASSWORD));
    }

    @Test
    void fiveWrongPasswordsLockTheAccountEvenAgainstTheRightOne() {
        assertThat(register(Map.of("email", "locked@example.in", "password", PASSWORD, "preferredLanguage", "hi")).status()).isEqualTo(201);
        for (int i = 0; i < 5; i++) {
            assertThat(login(Map.of("email", "locked@example.in", "password", "wrong password " + i)).status()).isEqualTo(401);
        }
        TestResponse locked = login(Map.of("email", "locked@example.in", "password", PASSWORD));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).hasValue("60");
    }
}
