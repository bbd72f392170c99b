package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.testing.Testing;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

class StrictMutualTlsTest {

    /** Without a selector the policy covers every sidecar of the namespace; Istio names such a policy "default". */
    @Test
    void oneNamespaceWidePolicyRefusesPlainText() {
        Chart chart = Testing.chart();
        new StrictMutualTls(chart, "mtls", "shop");
        JsonNode policy = object(chart, "PeerAuthentication", StrictMutualTls.NAME);
        assertThat(policy.path("apiVersion").asText()).isEqualTo(StrictMutualTls.API_VERSION);
        assertThat(policy.at("/metadata/namespace").asText()).isEqualTo("shop");
        assertThat(policy.at("/spec/mtls/mode").asText()).isEqualTo("STRICT");
        assertThat(policy.at("/spec").has("selector")).isFalse();
    }
}
