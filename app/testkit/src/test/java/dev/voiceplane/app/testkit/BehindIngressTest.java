package dev.voiceplane.app.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.catalog.Env;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Behind the ingress: metrics are not for the outside, and the real-IP header counts only from the ingress. */
class BehindIngressTest {

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of(SampleService.BEHIND_INGRESS, SampleService::new)
            .withEnv(Env.TRUSTED_PROXY_CIDRS, "127.0.0.0/8, ::1/128");

    @Test
    void metricsAreNotServedToRequestsTheIngressForwarded() {
        assertThat(SERVICE.http().get("/metrics", null).status()).isEqualTo(404);
        assertThat(SERVICE.http().get("/health/live", null).status()).isEqualTo(200);
    }
}
