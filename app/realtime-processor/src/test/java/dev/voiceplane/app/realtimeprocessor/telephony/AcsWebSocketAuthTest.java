package dev.voiceplane.app.realtimeprocessor.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.realtimeprocessor.testing.AcsIdentityStandIn;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** ACS's media WebSocket JWT checked as ACS documents it, against a local OpenID configuration and JWKS. */
class AcsWebSocketAuthTest {

    static final AcsIdentityStandIn IDENTITY = AcsIdentityStandIn.start();
    static final String RESOURCE = "0b7a2f4e-1111-4c3d-9e8f-acs000000001";
    static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
    static final AcsWebSocketAuth AUTH = new AcsWebSocketAuth(IDENTITY.configuration(), RESOURCE, Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterAll
    static void stop() {
        IDENTITY.close();
    }

    @Test
    void aTokenAcsSignedForThisResourceAdmitsTheStream() {
        assertThat(AUTH.refusal(IDENTITY.token(RESOURCE, NOW.plusSeconds(86_000)))).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefusedBeyondTheClockSkew() {
        assertThat(AUTH.refusal(IDENTITY.token(RESOURCE, NOW.minusSeconds(30)))).isEmpty(); // within 60 s of skew
        assertThat(AUTH.refusal(IDENTITY.token(RESOURCE, NOW.minusSeconds(120)))).contains("expired");
    }

    @Test
    void aTokenForAnotherResourceIsRefused() {
        assertThat(AUTH.refusal(IDENTITY.token("another-acs-resource", NOW.plusSeconds(3_600)))).contains("audience is not this ACS resource");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        assertThat(AUTH.refusal(IDENTITY.foreignToken(RESOURCE, NOW.plusSeconds(3_600)))).contains("bad signature");
    }

    @Test
    void noTokenAnUnsignedOneOrGarbageIsRefused() {
        String good = IDENTITY.token(RESOURCE, NOW.plusSeconds(3_600));
        String[] parts = good.substring(7).split("\\.");
        String none = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        assertThat(AUTH.refusal(null)).contains("no bearer token");
        assertThat(AUTH.refusal("Bearer " + none + "." + parts[1] + ".")).isPresent();
        assertThat(AUTH.refusal("Bearer not-a-jwt")).contains("not a JWT");
        assertThat(AUTH.refusal("Bearer " + parts[0] + "." + parts[1] + ".AAAA")).contains("bad signature");
    }
}
