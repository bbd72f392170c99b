package dev.voiceplane.systems;

import dev.voiceplane.charts.Flow;
import dev.voiceplane.charts.monitoring.Grafana;
import dev.voiceplane.charts.monitoring.LogPipeline;
import dev.voiceplane.charts.monitoring.PrometheusServer;
import dev.voiceplane.charts.monitoring.TracingPipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The connections the observability stack ({@link dev.voiceplane.charts.monitoring.Monitoring})
 * makes inside the namespace, so the default-deny policy leaves it working: Grafana reads
 * Prometheus and Loki, the collector forwards to Jaeger, Promtail pushes to Loki from its own
 * namespace, and Prometheus reaches the API server (service discovery) and the kubelets (cAdvisor),
 * whose addresses depend on the cluster. Scraping the services is in {@link CatalogFlows}.
 */
public final class MonitoringFlows {
    /** The API server's port on managed clusters (443) and kubeadm/kind clusters (6443). */
    static final List<Integer> API_SERVER_PORTS = List.of(443, 6443);
    static final int KUBELET_PORT = 10250;

    private MonitoringFlows() {
    }

    public static List<Flow> of(String system, boolean logs) {
        Flow.Peer prometheus = Flow.Peer.workload(CatalogFlows.PROMETHEUS);
        Flow.Peer anywhere = Flow.Peer.network("0.0.0.0/0");
        List<Flow> flows = new ArrayList<>();
        flows.add(Flow.tcp(Flow.Peer.workload("grafana"), prometheus, PrometheusServer.PORT, "monitoring: Grafana's Prometheus datasource"));
        flows.add(Flow.tcp(Flow.Peer.workload(ServiceEndpoints.OTLP_COLLECTOR), Flow.Peer.workload(TracingPipeline.JAEGER),
                TracingPipeline.OTLP_GRPC_PORT, "monitoring: the collector exports traces to Jaeger"));
        for (int port : API_SERVER_PORTS) {
            flows.add(Flow.tcp(prometheus, anywhere, port, "monitoring: Prometheus discovers targets through the API server"));
        }
        flows.add(Flow.tcp(prometheus, anywhere, KUBELET_PORT, "monitoring: Prometheus scrapes cAdvisor on every kubelet"));
        if (logs) {
            flows.add(Flow.tcp(Flow.Peer.workload("grafana"), Flow.Peer.workload(LogPipeline.LOKI), LogPipeline.LOKI_PORT,
                    "monitoring: Grafana's Loki datasource"));
            flows.add(Flow.tcp(Flow.Peer.namespace(system + "-logs", Map.of("app.kubernetes.io/name", "promtail")),
                    Flow.Peer.workload(LogPipeline.LOKI), LogPipeline.LOKI_PORT, "monitoring: Promtail pushes node logs to Loki"));
        }
        return flows;
    }

    /** Grafana's admin password lives in the system Secret too. */
    static String grafanaSecretKey() {
        return Grafana.ADMIN_PASSWORD_KEY;
    }
}
