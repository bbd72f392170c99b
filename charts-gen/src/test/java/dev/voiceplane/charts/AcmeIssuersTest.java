package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.errors;
import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.stack.TlsIssuer;
import dev.voiceplane.testing.Testing;
import java.util.Map;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

/** The Let's Encrypt issuers alone in a bare chart: the defaults, each option, and a bad contact. */
class AcmeIssuersTest {
    private final Chart chart = Testing.chart();

    private ObjectNode issuer(TlsIssuer which) {
        return object(chart, "ClusterIssuer", which.id());
    }

    @Test
    void stagingAndProductionSolveThroughTheGatewaysIngressClass() {
        new AcmeIssuers(chart, "acme", AcmeIssuers.Props.builder("ops@example.com").build());
        assertThat(ofKind(chart, "ClusterIssuer")).extracting(i -> i.at("/metadata/name").asText())
                .containsExactlyInAnyOrder(TlsIssuer.LETSENCRYPT_STAGING.id(), TlsIssuer.LETSENCRYPT_PRODUCTION.id());
        ObjectNode production = issuer(TlsIssuer.LETSENCRYPT_PRODUCTION);
        assertThat(production.at("/spec/acme/email").asText()).isEqualTo("ops@example.com");
        assertThat(production.at("/spec/acme/solvers/0/http01/ingress/ingressClassName").asText()).isEqualTo(IngressGateway.INGRESS_CLASS);
        assertThat(production.at("/metadata/labels/app.kubernetes.io~1name").asText()).isEqualTo("letsencrypt");
    }

    @Test
    void theIngressClassAndLabelsCanBeSetOnTheirOwn() {
        new AcmeIssuers(chart, "acme", AcmeIssuers.Props.builder("ops@example.com").ingressClass("traefik")
                .labels(Map.of("team", "edge")).build());
        ObjectNode staging = issuer(TlsIssuer.LETSENCRYPT_STAGING);
        assertThat(staging.at("/spec/acme/solvers/0/http01/ingress/ingressClassName").asText()).isEqualTo("traefik");
        assertThat(staging.at("/metadata/labels").toString()).isEqualTo("{\"team\":\"edge\"}");
    }

    @Test
    void anAcmeContactThatIsNotAnEmailIsReportedWithThePath() {
        new AcmeIssuers(chart, "acme", AcmeIssuers.Props.builder("ops").build());
        assertThat(errors(chart)).containsExactly("[test/acme] ACME account email 'ops' is not an email address; "
                + "Let's Encrypt sends certificate expiry notices to it");
    }
}
