package dev.voiceplane.app.usermanagement;

import static dev.voiceplane.app.usermanagement.UserFixtures.login;
import static dev.voiceplane.app.usermanagement.UserFixtures.register;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.TestResponse;
import dev.voiceplane.catalog.Env;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MfaRequiredTest {

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("user-management", UserManagementModule::new)
            .withEnv(Env.FEATURE_MFA_REQUIRED, "true");

    @Test
    void withMfaRequiredAnAccountMustEnrolBeforeSelfServiceOnItsData() {
        String id = register(SERVICE, "policy@example.org");
        TestResponse tokens = login(SERVICE, "policy@example.org");
        assertThat(tokens.json().path("mfaEnrolmentRequired").asBoolean()).isTrue();
        TestResponse export = SERVICE.http().get("/api/users/" + id + "/export", tokens.text("accessToken"));
        assertThat(export.status()).isEqualTo(403);
        assertThat(export.text("message")).contains("enrol an authenticator first");
    }
}
