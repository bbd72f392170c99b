package dev.voiceplane.charts.monitoring;

import static dev.voiceplane.testing.Testing.errors;
import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.catalog.ServiceKind;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.charts.BackupSchedule;
import dev.voiceplane.testing.Testing;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

/** One Monitoring at a time, in a bare chart, over hand-made services; each option on its own. */
class MonitoringTest {
    private static final ServiceSpec SHOP = ServiceSpec.builder(SystemName.BHARATVOICE, "shop").port(8080).build();
    private static final ServiceSpec CART = ServiceSpec.builder(SystemName.BHARATVOICE, "cart").kind(ServiceKind.WORKER).port(8081).build();
    private final Chart chart = Testing.chart();

    private static Monitoring.Props.Builder props() {
        return Monitoring.Props.builder("store", "store-ns", List.of(SHOP, CART));
    }

    private void build(Monitoring.Props.Builder props) {
        new Monitoring(chart, "monitoring", props.build());
    }

    private Set<String> alertNames() {
        Set<String> names = new TreeSet<>();
        for (JsonNode group : object(chart, "PrometheusRule", "store-alerts").at("/spec/groups")) {
            group.path("rules").forEach(r -> names.add(r.path("alert").asText()));
        }
        return names;
    }

    private Set<String> names(String kind) {
        Set<String> names = new TreeSet<>();
        ofKind(chart, kind).forEach(o -> names.add(o.at("/metadata/name").asText()));
        return names;
    }

    @Test
    void everyServiceIsScrapedOnItsMetricsPathAndSelectedByTheSystemsPrometheus() {
        build(props());
        for (ServiceSpec s : List.of(SHOP, CART)) {
            ObjectNode monitor = object(chart, "ServiceMonitor", s.name());
            assertThat(monitor.at("/metadata/namespace").asText()).isEqualTo("store-ns");
            assertThat(monitor.at("/metadata/labels/app.kubernetes.io~1part-of").asText()).isEqualTo("store");
            assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo(ServiceSpec.METRICS_PATH);
            assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
            assertThat(monitor.at("/spec/endpoints/0/interval").asText()).isEqualTo(Monitoring.SCRAPE_INTERVAL);
            assertThat(monitor.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo(s.name());
        }
        ObjectNode prometheus = object(chart, "Prometheus", "store");
        assertThat(prometheus.at("/spec/serviceMonitorSelector/matchLabels/app.kubernetes.io~1part-of").asText()).isEqualTo("store");
    }

    @Test
    void byDefaultTheAiNinjaGuidesAlertsAndDashboardsAndNoLogsOrBackupWatch() {
        build(props());
        assertThat(alertNames()).contains("HighResponseLatency", "AiResponseQualityLow").doesNotContain("ApplicationDown", "BackupJobFailed");
        assertThat(names("ConfigMap")).contains("grafana-dashboard-store-system-overview");
        assertThat(names("Deployment")).containsExactlyInAnyOrder("grafana", "jaeger", "otel-collector");
        assertThat(ofKind(chart, "DaemonSet")).isEmpty();
        assertThat(object(chart, "ConfigMap", "grafana-datasources").at("/data/datasources.yaml").asText())
                .contains("type: prometheus").contains("type: jaeger").doesNotContain("type: loki");
        // Without backups to watch, Prometheus does not scrape kube-state-metrics.
        assertThat(object(chart, "Prometheus", "store").toString()).doesNotContain("kube-state-metrics");
    }

    @Test
    void applicationAlertsAreTheBharatVoiceGuidesForThatService() {
        build(props().applicationAlerts("shop"));
        assertThat(alertNames()).contains("ApplicationDown", "DatabaseFailure").doesNotContain("AiResponseQualityLow");
        assertThat(object(chart, "PrometheusRule", "store-alerts").toString()).contains("shop");
    }

    @Test
    void logsAddLokiAndPromtailAndGrafanasLokiDatasource() {
        build(props().logs(true));
        assertThat(names("Deployment")).contains("loki");
        assertThat(names("DaemonSet")).containsExactly("promtail");
        assertThat(object(chart, "ConfigMap", "grafana-datasources").at("/data/datasources.yaml").asText())
                .contains("url: http://loki.store-ns.svc.cluster.local:3100");
    }

    @Test
    void backupsAreWatchedThroughKubeStateMetrics() {
        build(props().backups(BackupSchedule.jobs(false)));
        assertThat(alertNames()).contains("BackupJobFailed", "BackupMissed");
        assertThat(object(chart, "PrometheusRule", "store-alerts").toString()).contains("postgres-backup").contains("redis-backup");
    }

    @Test
    void theSecretNameDefaultsToTheSystemsAndCanBeGiven() {
        build(props());
        assertThat(grafanaPassword().at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("store-secrets");
        Chart other = Testing.chart();
        new Monitoring(other, "monitoring", props().secretName("observability").build());
        JsonNode env = object(other, "Deployment", "grafana").at("/spec/template/spec/containers/0/env");
        assertThat(env.toString()).contains("\"name\":\"observability\"").doesNotContain("store-secrets");
    }

    private JsonNode grafanaPassword() {
        for (JsonNode e : object(chart, "Deployment", "grafana").at("/spec/template/spec/containers/0/env")) {
            if (e.path("name").asText().equals("GF_SECURITY_ADMIN_PASSWORD")) {
                return e;
            }
        }
        throw new AssertionError("no admin password variable");
    }

    @Test
    void applicationAlertsForAServiceOutsideTheSystemAreRefusedWithTheFix() {
        build(props().applicationAlerts("billing"));
        assertThat(errors(chart)).containsExactly("[test/monitoring] application alerts name 'billing', which is not one of the "
                + "services [shop, cart]; name one of them in applicationAlerts(...)");
    }

    /** Under STRICT mTLS Prometheus, outside the mesh, scrapes the sidecar's merged metrics instead of the service's port. */
    @Test
    void meshScrapesTheSidecarsMergedMetricsThroughTheService() {
        build(props().mesh(true));
        JsonNode endpoint = object(chart, "ServiceMonitor", "shop").at("/spec/endpoints/0");
        assertThat(endpoint.path("port").asText()).isEqualTo("http");
        assertThat(endpoint.path("path").asText()).isEqualTo(dev.voiceplane.charts.MeshSidecar.MERGED_METRICS_PATH);
        assertThat(endpoint.path("relabelings").toString()).contains(":" + dev.voiceplane.charts.MeshSidecar.MERGED_METRICS_PORT);
    }

    private Monitoring flowsOf(Monitoring.Props.Builder props) {
        return new Monitoring(chart, "monitoring", props.build());
    }

    private static boolean reaches(List<dev.voiceplane.charts.Flow> flows, String from, String to, int port) {
        return flows.stream().anyMatch(f -> f.from().toString().contains(from) && f.to().toString().contains(to) && f.port() == port);
    }

    @Test
    void itDeclaresTheConnectionsItsWorkloadsMakeByDefault() {
        List<dev.voiceplane.charts.Flow> flows = flowsOf(props()).flows();
        assertThat(reaches(flows, "grafana", PrometheusServer.WORKLOAD, PrometheusServer.PORT)).isTrue();
        assertThat(reaches(flows, TracingPipeline.COLLECTOR, TracingPipeline.JAEGER, TracingPipeline.OTLP_GRPC_PORT)).isTrue();
        assertThat(reaches(flows, PrometheusServer.WORKLOAD, "0.0.0.0/0", 10250)).isTrue();
        assertThat(flows).anyMatch(f -> f.from().equals(dev.voiceplane.charts.Flow.Peer.workload("alertmanager"))
                && f.to().equals(dev.voiceplane.charts.Flow.Peer.internet()) && f.port() == dev.voiceplane.charts.Flow.HTTPS);
        assertThat(flows).noneMatch(f -> f.to().equals(dev.voiceplane.charts.Flow.Peer.workload(LogPipeline.LOKI))
                || KubeStateMetrics.NAMESPACE.equals(f.to().namespace()) || PrometheusAdapter.NAMESPACE.equals(f.from().namespace()));
    }

    @Test
    void logsBackupsAndTheAdapterEachAddTheirConnections() {
        List<dev.voiceplane.charts.Flow> flows = flowsOf(props().logs(true).backups(BackupSchedule.jobs(false))
                .customMetricsAdapter(true)).flows();
        assertThat(reaches(flows, "grafana", LogPipeline.LOKI, LogPipeline.LOKI_PORT)).isTrue();
        assertThat(reaches(flows, LogPipeline.namespaceOf("store"), LogPipeline.LOKI, LogPipeline.LOKI_PORT)).isTrue();
        assertThat(reaches(flows, PrometheusServer.WORKLOAD, KubeStateMetrics.NAMESPACE, KubeStateMetrics.PORT)).isTrue();
        assertThat(reaches(flows, PrometheusAdapter.NAMESPACE, PrometheusServer.WORKLOAD, PrometheusServer.PORT)).isTrue();
    }

    @Test
    void theLogShipperHasConnectionsOnlyWhenThereAreLogs() {
        assertThat(flowsOf(props()).logShipperFlows()).isEmpty();
        List<dev.voiceplane.charts.Flow> shipper = new Monitoring(Testing.chart(), "m", props().logs(true).build()).logShipperFlows();
        assertThat(reaches(shipper, "promtail", "store-ns", LogPipeline.LOKI_PORT)).isTrue();
        assertThat(shipper).extracting(dev.voiceplane.charts.Flow::port).contains(443, 6443);
    }
}
