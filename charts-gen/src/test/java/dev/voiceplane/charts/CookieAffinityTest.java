package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.errors;
import static dev.voiceplane.testing.Testing.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.testing.Testing;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

class CookieAffinityTest {
    private final Chart chart = Testing.chart();

    @Test
    void theServicesClientsArePinnedByACookieOfTheGivenLifetime() {
        new CookieAffinity(chart, "affinity", new CookieAffinity.Props("calls", "shop", "sticky", 120));
        ObjectNode rule = object(chart, "DestinationRule", "calls-affinity");
        assertThat(rule.at("/metadata/namespace").asText()).isEqualTo("shop");
        assertThat(rule.at("/spec/host").asText()).isEqualTo("calls.shop.svc.cluster.local");
        assertThat(rule.at("/spec/trafficPolicy/loadBalancer/consistentHash/httpCookie/name").asText()).isEqualTo("sticky");
        assertThat(rule.at("/spec/trafficPolicy/loadBalancer/consistentHash/httpCookie/ttl").asText()).isEqualTo("120s");
        assertThat(rule.at("/spec").has("exportTo")).isFalse();
    }

    @Test
    void aLifetimeThatIsNotPositiveIsRefused() {
        new CookieAffinity(chart, "affinity", new CookieAffinity.Props("calls", "shop", "sticky", 0));
        assertThat(errors(chart)).containsExactly("[test/affinity] cookie lifetime must be positive, got 0 s; give the session's length");
    }
}
