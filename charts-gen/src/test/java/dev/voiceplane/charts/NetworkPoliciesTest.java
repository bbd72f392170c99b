package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.testing.Testing;
import java.util.List;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

/** One namespace's policies, in a bare chart, from hand-made flows. */
class NetworkPoliciesTest {
    private static final List<Flow> FLOWS = List.of(
            Flow.tcp(Flow.Peer.workload("web"), Flow.Peer.workload("db"), 5432, "web stores in db"),
            Flow.tcp(Flow.Peer.workload("web"), Flow.Peer.internet(), Flow.HTTPS, "web calls a payment API"));
    private final Chart chart = Testing.chart();

    private void build(NetworkPolicies.Props.Builder props) {
        new NetworkPolicies(chart, "network", props.build());
    }

    @Test
    void everythingIsDeniedUnlessAllowedAndEveryPodMayAskTheClusterDns() {
        build(NetworkPolicies.Props.builder("shop", List.of()));
        ObjectNode deny = object(chart, "NetworkPolicy", "default-deny");
        assertThat(deny.at("/metadata/namespace").asText()).isEqualTo("shop");
        assertThat(deny.at("/spec/podSelector").size()).isZero();
        assertThat(deny.at("/spec/policyTypes").toString()).isEqualTo("[\"Ingress\",\"Egress\"]");
        assertThat(deny.at("/spec").has("ingress")).isFalse();
        ObjectNode dns = object(chart, "NetworkPolicy", "allow-dns");
        assertThat(dns.at("/spec/egress/0/to/0/podSelector/matchLabels/k8s-app").asText()).isEqualTo("kube-dns");
        assertThat(dns.at("/spec/egress/0/ports").findValuesAsText("port")).containsExactlyInAnyOrder("53", "53");
        assertThat(ofKind(chart, "NetworkPolicy")).hasSize(2);
    }

    @Test
    void eachWorkloadGetsOnePolicyWithExactlyItsFlowsAndTheirReasons() {
        build(NetworkPolicies.Props.builder("shop", FLOWS));
        ObjectNode db = object(chart, "NetworkPolicy", "db-network");
        assertThat(db.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("db");
        assertThat(db.at("/spec/ingress")).hasSize(1);
        assertThat(db.at("/spec/ingress/0/from/0/podSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("web");
        assertThat(db.at("/spec/ingress/0/ports/0/port").asInt()).isEqualTo(5432);
        assertThat(db.at("/spec").has("egress")).isFalse();
        assertThat(db.at("/metadata/annotations").path(NetworkPolicies.REASONS).asText()).contains("web stores in db");
        ObjectNode web = object(chart, "NetworkPolicy", "web-network");
        assertThat(web.at("/spec/egress")).hasSize(2);
        assertThat(web.at("/metadata/annotations").path(NetworkPolicies.REASONS).asText()).contains("web calls a payment API");
        // The internet excludes private ranges, so an allow to it never opens the cluster's own networks.
        assertThat(web.toString()).contains("\"except\"");
    }

    @Test
    void withoutAMeshNoPodMayReachIstiod() {
        build(NetworkPolicies.Props.builder("shop", FLOWS));
        assertThat(ofKind(chart, "NetworkPolicy")).noneMatch(p -> p.at("/metadata/name").asText().equals("allow-istiod"));
    }

    @Test
    void aMeshLetsEverySidecarReachIstiodForItsConfigurationAndCertificates() {
        build(NetworkPolicies.Props.builder("shop", FLOWS).mesh(true));
        ObjectNode istiod = object(chart, "NetworkPolicy", "allow-istiod");
        assertThat(istiod.at("/spec/egress/0/to/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
                .isEqualTo(NetworkPolicies.ISTIO_NAMESPACE);
        assertThat(istiod.at("/spec/egress/0/ports/0/port").asInt()).isEqualTo(NetworkPolicies.ISTIOD_XDS_PORT);
        assertThat(istiod.at("/spec/podSelector").size()).isZero();
    }

    /** Two declarations of the same path (peer, port, protocol) are one rule naming both. */
    @Test
    void twoDeclarationsOfOnePathAreOneRuleWithBothReasons() {
        build(NetworkPolicies.Props.builder("shop", List.of(FLOWS.get(0),
                Flow.tcp(Flow.Peer.workload("web"), Flow.Peer.workload("db"), 5432, "web reads reports from db"))));
        ObjectNode db = object(chart, "NetworkPolicy", "db-network");
        assertThat(db.at("/spec/ingress")).hasSize(1);
        assertThat(db.at("/metadata/annotations").path(NetworkPolicies.REASONS).asText())
                .isEqualTo("ingress 5432/TCP from web: web stores in db; web reads reports from db");
    }

    @Test
    void peersInOtherNamespacesAndPodsLabelledByOthersAreSelectedByTheirLabels() {
        build(NetworkPolicies.Props.builder("shop", List.of(
                Flow.tcp(Flow.Peer.namespace("ingress-nginx", java.util.Map.of()), Flow.Peer.workload("web"), 8080, "web is public"),
                Flow.tcp(Flow.Peer.namespace("monitoring", java.util.Map.of("app.kubernetes.io/name", "adapter")),
                        Flow.Peer.pods("solver", java.util.Map.of("acme.cert-manager.io/http01-solver", "true")), 8089, "challenge"))));
        ObjectNode web = object(chart, "NetworkPolicy", "web-network");
        assertThat(web.at("/spec/ingress/0/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText()).isEqualTo("ingress-nginx");
        assertThat(web.at("/spec/ingress/0/from/0").has("podSelector")).as("every pod of that namespace").isFalse();
        ObjectNode solver = object(chart, "NetworkPolicy", "solver-network");
        assertThat(solver.at("/spec/podSelector/matchLabels/acme.cert-manager.io~1http01-solver").asText()).isEqualTo("true");
        assertThat(solver.at("/spec/ingress/0/from/0/podSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("adapter");
        assertThat(solver.at("/metadata/annotations").path(NetworkPolicies.REASONS).asText())
                .isEqualTo("ingress 8089/TCP from monitoring/[adapter]: challenge");
    }

    /** A policy selects its pods one way; two selectors for one workload would leave one set of its pods unguarded. */
    @Test
    void aWorkloadSelectedTwoWaysIsRefusedWithTheFlowNamed() {
        build(NetworkPolicies.Props.builder("shop", List.of(FLOWS.get(0),
                Flow.tcp(Flow.Peer.pods("db", java.util.Map.of("role", "primary")), Flow.Peer.internet(), Flow.HTTPS, "db ships its logs"))));
        assertThat(Testing.errors(chart)).containsExactly("[test/network] workload db selected two ways: {app.kubernetes.io/name=db} "
                + "and {role=primary} (db ships its logs); declare its flows with one Flow.Peer");
    }
}
