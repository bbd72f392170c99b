package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.errors;
import static dev.voiceplane.testing.Testing.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.stack.TlsIssuer;
import dev.voiceplane.testing.Testing;
import java.util.Map;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

/** The two Let's Encrypt ClusterIssuers, in a bare chart: the defaults, each option, and a bad contact. */
class AcmeIssuersTest {
    private final Chart chart = Testing.chart();

    @Test
    void stagingAndProductionAnswerHttp01ThroughTheGivenIngressClassWithTheContactEmail() {
        new AcmeIssuers(chart, "issuers", AcmeIssuers.Props.builder("ops@shop.example").ingressClass("internal-nginx")
                .labels(Map.of("team", "voice")).build());
        for (TlsIssuer issuer : new TlsIssuer[] {TlsIssuer.LETSENCRYPT_STAGING, TlsIssuer.LETSENCRYPT_PRODUCTION}) {
            JsonNode o = object(chart, "ClusterIssuer", issuer.id());
            assertThat(o.at("/metadata").has("namespace")).as("cluster-scoped").isFalse();
            assertThat(o.at("/metadata/labels").toString()).isEqualTo("{\"team\":\"voice\"}");
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
    void byDefaultTheGatewaysIngressClassSolvesAndTheIssuersAreLabelledAsTls() {
        new AcmeIssuers(chart, "issuers", AcmeIssuers.Props.builder("ops@shop.example").build());
        JsonNode production = object(chart, "ClusterIssuer", TlsIssuer.LETSENCRYPT_PRODUCTION.id());
        assertThat(production.at("/spec/acme/solvers/0/http01/ingress/ingressClassName").asText()).isEqualTo(IngressGateway.INGRESS_CLASS);
        assertThat(production.at("/metadata/labels/app.kubernetes.io~1name").asText()).isEqualTo("letsencrypt");
        assertThat(production.at("/metadata/labels/app.kubernetes.io~1component").asText()).isEqualTo("tls");
    }

    @Test
    void aContactThatIsNotAnEmailIsReportedOnTheConstructSayingWhatItIsFor() {
        new AcmeIssuers(chart, "issuers", AcmeIssuers.Props.builder("ops").build());
        assertThat(errors(chart)).containsExactly("[test/issuers] ACME account email 'ops' is not an email address; "
                + "Let's Encrypt sends certificate expiry notices to it");
    }
}
