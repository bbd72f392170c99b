package dev.voiceplane.app.usermanagement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.TestResponse;
import java.util.HashMap;
import java.util.Map;

/** Registration and login as a client app does them. */
final class UserFixtures {

    static final String PASSWORD = "correct horse battery staple";

    private UserFixtures() {
    }

    static String register(ServiceUnderTest service, String email) {
        TestResponse response = service.http().post("/api/auth/register",
                Map.of("email", email, "password", PASSWORD, "displayName", "Test User"), null);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.text("id");
    }

    static TestResponse login(ServiceUnderTest service, String email, String password, String totpCode, String device) {
        Map<String, Object> body = new HashMap<>(Map.of("email", email, "password", password, "deviceFingerprint", device,
                "deviceLabel", "test device"));
        if (totpCode != null) {
            body.put("totpCode", totpCode);
        }
        return service.http().post("/api/auth/login", body, null);
    }

    static TestResponse login(ServiceUnderTest service, String email) {
        TestResponse response = login(service, email, PASSWORD, null, "device-1");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }
}
