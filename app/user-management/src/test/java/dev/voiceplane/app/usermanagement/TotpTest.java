package dev.voiceplane.app.usermanagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238 appendix B's SHA-1 key "12345678901234567890", in base32. */
    private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    private final Totp totp = new Totp();

    @Test
    void codesMatchTheRfc6238TestVectors() {
        assertThat(totp.codeAt(RFC_SECRET, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(totp.codeAt(RFC_SECRET, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
        assertThat(totp.codeAt(RFC_SECRET, Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
    }

    @Test
    void oneStepOfClockDriftIsAcceptedAndNoMore() {
        Instant now = Instant.ofEpochSecond(1111111109);
        assertThat(totp.matchingStep(RFC_SECRET, totp.codeAt(RFC_SECRET, now.minusSeconds(30)), now)).isPresent();
        assertThat(totp.matchingStep(RFC_SECRET, totp.codeAt(RFC_SECRET, now.plusSeconds(30)), now)).isPresent();
        assertThat(totp.matchingStep(RFC_SECRET, totp.codeAt(RFC_SECRET, now.minusSeconds(90)), now)).isEmpty();
        assertThat(totp.matchingStep(RFC_SECRET, "12345", now)).isEmpty();
    }

    @Test
    void secretsAre160BitsOfBase32() {
        assertThat(totp.newSecret()).matches("[A-Z2-7]{32}").isNotEqualTo(totp.newSecret());
    }
}
