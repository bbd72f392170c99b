package dev.voiceplane.infra.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

class ScramVerifierTest {
    @Test
    void pbkdf2MatchesTheRfc7914TestVector() {
        // RFC 7914 section 11: PBKDF2-HMAC-SHA256, P="passwd", S="salt", c=1, first 32 bytes.
        assertThat(HexFormat.of().formatHex(ScramVerifier.pbkdf2("passwd".getBytes(), "salt".getBytes(), 1)))
                .isEqualTo("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
    }

    @Test
    void pbkdf2MatchesTheJdkForManyIterations() throws Exception {
        byte[] jdk = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec("p4ssw0rd".toCharArray(), "NaCl-salt".getBytes(), 4096, 256)).getEncoded();
        assertThat(ScramVerifier.pbkdf2("p4ssw0rd".getBytes(), "NaCl-salt".getBytes(), 4096)).isEqualTo(jdk);
    }

    @Test
    void theVerifierHasPostgresFormAndIsStablePerRoleAndPassword() {
        String v = ScramVerifier.of("ai_ninja_app", "secret-0123");
        assertThat(v).matches("SCRAM-SHA-256\\$4096:[A-Za-z0-9+/=]{24}\\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}")
                .doesNotContain("secret-0123");
        assertThat(ScramVerifier.of("ai_ninja_app", "secret-0123")).isEqualTo(v);
        assertThat(ScramVerifier.of("other_role", "secret-0123")).isNotEqualTo(v);
        assertThat(ScramVerifier.of("ai_ninja_app", "secret-0124")).isNotEqualTo(v);
        assertThat(ScramVerifier.isVerifier(v)).isTrue();
        assertThat(ScramVerifier.isVerifier("secret-0123")).isFalse();
    }

    @Test
    void passwordsSaslPrepWouldChangeAreRefused() {
        assertThatThrownBy(() -> ScramVerifier.of("r", "pässword")).hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> ScramVerifier.of("r", "two words")).hasMessageContaining("printable ASCII");
    }

    @Test
    void derivedSecretsDifferByPurposeAndAreUsableAsPasswords() {
        String a = DerivedSecret.derive("root", "db-password ai_ninja_app");
        assertThat(a).hasSize(43).matches("[A-Za-z0-9_-]+").isEqualTo(DerivedSecret.derive("root", "db-password ai_ninja_app"));
        assertThat(DerivedSecret.derive("root", "other")).isNotEqualTo(a);
        assertThat(DerivedSecret.derive("root2", "db-password ai_ninja_app")).isNotEqualTo(a);
        ScramVerifier.of("ai_ninja_app", a);
    }
}
