package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.stack.TlsIssuer;
import dev.voiceplane.testing.Testing;
import java.util.Map;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

/** The two Let's Encrypt ClusterIssuers, in a bare chart. */
class AcmeIssuersTest {
    private final Chart chart = Testing.chart();

    @Test
    void stagingAndProductionAnswerHttp01ThroughTheGivenIngressClassWithTheContactEmail() {
        new AcmeIssuers(chart, "issuers", new AcmeIssuers.Props("ops@shop.example", "internal-nginx", Map.of("team", "voice")));
        for (TlsIssuer issuer : new TlsIssuer[] {TlsIssuer.LETSENCRYPT_STAGING, TlsIssuer.LETSENCRYPT_PRODUCTION}) {
            JsonNode o = object(chart, "ClusterIssuer", issuer.id());
            assertThat(o.at("/metadata").has("namespace")).as("cluster-scoped").isFalse();
            assertThat(o.at("/metadata/labels/team").asText()).isEqualTo("voice");
            JsonNode acme = o.at("/spec/acme");
            assertThat(acme.path("server").asText()).isEqualTo(issuer.acmeServer());
            assertThat(acme.path("email").asText()).isEqualTo("ops@shop.example");
            assertThat(acme.at("/privateKeySecretRef/name").asText()).isEqualTo(issuer.id() + "-account-key");
            JsonNode ingress = acme.at("/solvers/0/http01/ingress");
            assertThat(ingress.path("ingressClassName").asText()).isEqualTo("internal-nginx");
            // The solver pod stays out of the mesh: ingress-nginx reaches it in plain text.
            assertThat(ingress.at("/podTemplate/metadata/labels/sidecar.istio.io~1inject").asText()).isEqualTo("false");
        }
    }

    @Test
    void aContactThatIsNotAnEmailIsRefusedSayingWhatItIsFor() {
        assertThatThrownBy(() -> new AcmeIssuers.Props("ops", "nginx", Map.of())).hasMessage(
                "ACME account email 'ops' is not an email address; Let's Encrypt sends certificate expiry notices to it");
    }
}
