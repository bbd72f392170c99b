package dev.voiceplane.app.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.catalog.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10, item 3: the per-address rate limit of anonymous endpoints (login, registration) believed a
 * client's own {@code X-Real-IP}, so a new header value per request was a new client. Now the header
 * counts only from a trusted proxy (the ingress); loopback is trusted by {@link #BEHIND_INGRESS} only.
 */
class RealIpRateLimitTest {

    /** Reached directly: loopback is no trusted proxy. */
    @RegisterExtension
    static final ServiceUnderTest DIRECT = ServiceUnderTest.of(SampleService.SPEC, SampleService::new);

    /** Behind an ingress whose pods' addresses include loopback. */
    @RegisterExtension
    static final ServiceUnderTest BEHIND_INGRESS = ServiceUnderTest.of(SampleService.BEHIND_INGRESS, SampleService::new)
            .withEnv(Env.TRUSTED_PROXY_CIDRS, "127.0.0.0/8, ::1/128");

    /** SampleService's limit for a caller without a token, per window. */
    private static final int ANONYMOUS_LIMIT = 5;

    @Test
    void aClientThatForgesANewRealIpPerRequestIsStillOneClient() {
        int last = 0;
        for (int i = 0; i <= ANONYMOUS_LIMIT; i++) {
            TestResponse response = DIRECT.http().sendWithHeaders("GET", SampleService.OPEN, null, null,
                    Map.of("X-Real-IP", "203.0.113." + i));
            if (i == 0) {
                assertThat(response.text("client")).as("the address the service believed").doesNotStartWith("203.0.113.");
            }
            last = response.status();
        }
        assertThat(last).as("request " + (ANONYMOUS_LIMIT + 1) + " from one connection address").isEqualTo(429);
    }

    @Test
    void theIngressesRealIpHeaderNamesTheClient() {
        for (int i = 0; i <= ANONYMOUS_LIMIT; i++) {
            TestResponse response = BEHIND_INGRESS.http().sendWithHeaders("GET", SampleService.OPEN, null, null,
                    Map.of("X-Real-IP", "198.51.100." + i));
            assertThat(response.status()).as("client 198.51.100." + i + "'s first request").isEqualTo(200);
            assertThat(response.text("client")).isEqualTo("198.51.100." + i);
        }
    }
}
