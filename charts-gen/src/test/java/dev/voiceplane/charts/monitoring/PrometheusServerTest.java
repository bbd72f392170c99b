package dev.voiceplane.charts.monitoring;

import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.stack.Cloud;
import dev.voiceplane.testing.Testing;
import java.util.Map;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

/** One PrometheusServer in a bare chart. */
class PrometheusServerTest {
    private static final Map<String, String> SELECTED = Map.of("app.kubernetes.io/part-of", "store");
    private final Chart chart = Testing.chart();

    private static PrometheusServer.Props.Builder props() {
        return PrometheusServer.Props.builder("store", "store-ns", SELECTED);
    }

    @Test
    void itSelectsMonitorsAndRulesByTheGivenLabelsAndAlertsThroughTheNamespacesAlertmanager() {
        new PrometheusServer(chart, "prometheus", props().build());
        JsonNode spec = object(chart, "Prometheus", "store").path("spec");
        assertThat(spec.at("/serviceMonitorSelector/matchLabels").toString()).isEqualTo("{\"app.kubernetes.io/part-of\":\"store\"}");
        assertThat(spec.at("/ruleSelector/matchLabels").toString()).isEqualTo("{\"app.kubernetes.io/part-of\":\"store\"}");
        assertThat(spec.at("/alerting/alertmanagers/0/namespace").asText()).isEqualTo("store-ns");
        assertThat(spec.at("/alerting/alertmanagers/0/name").asText()).isEqualTo(AlertRouting.OPERATED_SERVICE);
        assertThat(spec.at("/externalLabels/system").asText()).isEqualTo("store");
        assertThat(spec.path("enableAdminAPI").asBoolean(true)).isFalse();
        assertThat(object(chart, "Service", PrometheusServer.SERVICE).at("/spec/selector/prometheus").asText()).isEqualTo("store");
    }

    /** The kubelet authorizes its /metrics and /metrics/cadvisor as the nodes/metrics subresource. */
    @Test
    void itScrapesEveryKubeletWithReadAccessToNodeMetricsOnly() {
        new PrometheusServer(chart, "prometheus", props().build());
        JsonNode kubelet = object(chart, "ServiceMonitor", "kubelet-store");
        assertThat(kubelet.at("/spec/namespaceSelector/matchNames/0").asText()).isEqualTo("kube-system");
        assertThat(kubelet.at("/spec/endpoints").findValuesAsText("path")).containsExactly("/metrics/cadvisor", "/metrics");
        assertThat(kubelet.at("/spec/endpoints/0/metricRelabelings/0/regex").asText()).as("its own namespace's series only").isEqualTo("store-ns");
        JsonNode role = object(chart, "ClusterRole", "prometheus-store-node-metrics");
        assertThat(role.at("/rules/0/resources").toString()).isEqualTo("[\"nodes/metrics\"]");
        assertThat(role.at("/rules/0/verbs").toString()).isEqualTo("[\"get\"]");
    }

    @Test
    void withoutKubeStateMetricsThereIsNoMonitorForIt() {
        new PrometheusServer(chart, "prometheus", props().build());
        assertThat(ofKind(chart, "ServiceMonitor")).extracting(m -> m.at("/metadata/name").asText()).containsExactly("kubelet-store");
        Chart with = Testing.chart();
        new PrometheusServer(with, "prometheus", props().kubeStateMetrics(true).build());
        JsonNode ksm = object(with, "ServiceMonitor", "kube-state-metrics-store");
        assertThat(ksm.at("/spec/namespaceSelector/matchNames/0").asText()).isEqualTo(KubeStateMetrics.NAMESPACE);
        assertThat(ksm.at("/metadata/labels/app.kubernetes.io~1part-of").asText()).as("selected by this Prometheus").isEqualTo("store");
    }

    /**
     * The samples are kept on a claim marked as holding data, bounded below its size. {@code cloud} picks the
     * access mode, which differs only for shared files: an SSD volume is ReadWriteOnce on every cloud.
     */
    @Test
    void itKeepsItsSamplesOnAReadWriteOnceSsdClaimWhateverTheCloud() {
        for (Cloud cloud : Cloud.values()) {
            Chart c = Testing.chart();
            new PrometheusServer(c, "prometheus", props().cloud(cloud).build());
            JsonNode template = object(c, "Prometheus", "store").at("/spec/storage/volumeClaimTemplate");
            assertThat(template.at("/spec/accessModes").toString()).as(cloud.name()).isEqualTo("[\"ReadWriteOnce\"]");
            assertThat(template.at("/spec/storageClassName").asText()).isEqualTo(PrometheusServer.STORAGE_TIER.className());
            assertThat(template.at("/metadata/annotations/voiceplane.dev~1holds-data").asText()).isEqualTo("true");
        }
    }
}
