package dev.voiceplane.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.cdk8s.App;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

class FlowTest {

    @Test
    void aFlowBetweenTwoOutsidePeersIsRefusedSinceNoPolicyHereCouldHoldIt() {
        assertThatThrownBy(() -> Flow.tcp(Flow.Peer.internet(), Flow.Peer.namespace("ingress-nginx", Map.of()), 443, "nonsense"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a workload of this namespace");
    }

    @Test
    void portsAndProtocolsAreChecked() {
        assertThatThrownBy(() -> new Flow(Flow.Peer.workload("a"), Flow.Peer.workload("b"), 0, "TCP", "r"))
                .hasMessageContaining("port must be 1-65535, got 0");
        assertThatThrownBy(() -> new Flow(Flow.Peer.workload("a"), Flow.Peer.workload("b"), 80, "SCTP", "r"))
                .hasMessageContaining("TCP or UDP, got SCTP");
    }

    @Test
    void theInternetExcludesPrivateRangesAndCloudMetadata() {
        Flow.Peer internet = Flow.Peer.internet();
        assertThat(internet.cidr()).isEqualTo("0.0.0.0/0");
        assertThat(internet.except()).contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16");
        assertThat(internet.local()).isFalse();
    }

    @Test
    void workloadsAreSelectedByNameUnlessGivenLabels() {
        assertThat(Flow.Peer.workload("redis").selector()).isEqualTo(Map.of("app.kubernetes.io/name", "redis"));
        assertThat(Flow.Peer.pods("solver", Map.of("x", "y")).selector()).isEqualTo(Map.of("x", "y"));
    }

    @Test
    void aWorkloadSelectedTwoWaysIsRefused() {
        Chart chart = new Chart(new App(), "test");
        List<Flow> flows = List.of(
                Flow.tcp(Flow.Peer.workload("a"), Flow.Peer.workload("b"), 80, "one"),
                Flow.tcp(Flow.Peer.workload("a"), Flow.Peer.pods("b", Map.of("role", "b")), 80, "two"));
        new NetworkPolicies(chart, "network", NetworkPolicies.Props.builder("ns", flows).build());
        assertThat(dev.voiceplane.testing.Testing.errors(chart)).singleElement().asString()
                .startsWith("[test/network] workload b selected two ways").endsWith("(two); declare its flows with one Flow.Peer");
    }

    @Test
    void twoDeclarationsOfOnePathGiveOneRuleWithBothReasons() {
        Chart chart = new Chart(new App(), "test");
        new NetworkPolicies(chart, "network", NetworkPolicies.Props.builder("ns", List.of(
                Flow.tcp(Flow.Peer.workload("a"), Flow.Peer.workload("b"), 80, "first"),
                Flow.tcp(Flow.Peer.workload("a"), Flow.Peer.workload("b"), 80, "second"))).build());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> objects = (List<Map<String, Object>>) (List<?>) chart.toJson();
        Map<String, Object> b = objects.stream().filter(o -> ((Map<?, ?>) o.get("metadata")).get("name").equals("b-network")).findFirst().orElseThrow();
        assertThat(((List<?>) ((Map<?, ?>) b.get("spec")).get("ingress"))).hasSize(1);
        assertThat(((Map<?, ?>) ((Map<?, ?>) b.get("metadata")).get("annotations")).get(NetworkPolicies.REASONS).toString())
                .contains("first; second");
    }
}
