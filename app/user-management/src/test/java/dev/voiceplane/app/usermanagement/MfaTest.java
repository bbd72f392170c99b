package dev.voiceplane.app.usermanagement;

import static dev.voiceplane.app.usermanagement.UserFixtures.PASSWORD;
import static dev.voiceplane.app.usermanagement.UserFixtures.login;
import static dev.voiceplane.app.usermanagement.UserFixtures.register;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.TestResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MfaTest {

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("user-management", UserManagementModule::new);

    private final Totp totp = new Totp();

    /** Codes of the previous, current and next step: each accepted once, in increasing order. */
    private String code(String secret, int stepOffset) {
        return totp.codeAt(secret, Instant.now().plusSeconds(30L * stepOffset));
    }

    @Test
    void afterEnrolmentALoginNeedsAFreshCode() {
        register(SERVICE, "mfa@example.org");
        String access = login(SERVICE, "mfa@example.org").text("accessToken");
        TestResponse enrol = SERVICE.http().post("/api/mfa/enrol", Map.of(), access);
        String secret = enrol.text("secret");
        assertThat(enrol.text("otpauthUri")).startsWith("otpauth://totp/ai-ninja%3Amfa%40example.org?secret=" + secret);

        assertThat(SERVICE.http().post("/api/mfa/confirm", Map.of("code", "000000"), access).status()).isEqualTo(400);
        assertThat(SERVICE.http().post("/api/mfa/confirm", Map.of("code", "12ab56"), access).text("message"))
                .startsWith("field 'code' must be the 6-digit code");
        assertThat(SERVICE.http().post("/api/mfa/confirm", Map.of("code", code(secret, -1)), access).status()).isEqualTo(200);

        TestResponse withoutCode = login(SERVICE, "mfa@example.org", PASSWORD, null, "device-2");
        assertThat(withoutCode.status()).isEqualTo(401);
        assertThat(withoutCode.text("message")).contains("TOTP code is required");

        String current = code(secret, 0);
        assertThat(login(SERVICE, "mfa@example.org", PASSWORD, current, "device-2").status()).isEqualTo(200);
        TestResponse replayed = login(SERVICE, "mfa@example.org", PASSWORD, current, "device-3");
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.text("message")).contains("already used");

        assertThat(SERVICE.http().post("/api/mfa/disable", Map.of("code", code(secret, 1)), access).status()).isEqualTo(200);
        assertThat(login(SERVICE, "mfa@example.org", PASSWORD, null, "device-2").status()).isEqualTo(200);
    }
}
