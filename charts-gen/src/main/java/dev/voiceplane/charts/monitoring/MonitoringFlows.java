package dev.voiceplane.charts.monitoring;

import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.charts.Flow;
import dev.voiceplane.charts.MeshSidecar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The connections the observability stack ({@link Monitoring#flows()})
 * makes inside the namespace, so the default-deny policy leaves it working: Grafana reads
 * Prometheus, Jaeger and Loki, the collector forwards to Jaeger, Promtail pushes to Loki from its own
 * namespace, Prometheus reaches the API server (service discovery), the kubelets (cAdvisor), whose
 * addresses depend on the cluster, and Alertmanager, which posts to the on-call webhook over HTTPS; and, per
 * service ({@link #ofService}), scraping it and its traces.
 */
final class MonitoringFlows {
    /** The API server's port on managed clusters (443) and kubeadm/kind clusters (6443). */
    static final List<Integer> API_SERVER_PORTS = List.of(443, 6443);
    static final int KUBELET_PORT = 10250;

    private MonitoringFlows() {
    }

    /**
     * @param logs          whether Loki and Promtail run
     * @param customMetrics whether prometheus-adapter serves the HPAs' Pods metrics from this Prometheus
     * @param backups       whether backup CronJobs run, watched through kube-state-metrics
     */
    static List<Flow> of(String system, boolean logs, boolean customMetrics, boolean backups) {
        Flow.Peer prometheus = Flow.Peer.workload(PrometheusServer.WORKLOAD);
        Flow.Peer anywhere = Flow.Peer.network("0.0.0.0/0");
        List<Flow> flows = new ArrayList<>();
        flows.add(Flow.tcp(Flow.Peer.workload("grafana"), prometheus, PrometheusServer.PORT, "monitoring: Grafana's Prometheus datasource"));
        flows.add(Flow.tcp(Flow.Peer.workload("grafana"), Flow.Peer.workload(TracingPipeline.JAEGER), TracingPipeline.JAEGER_UI_PORT,
                "monitoring: Grafana's Jaeger datasource"));
        flows.add(Flow.tcp(Flow.Peer.workload(TracingPipeline.COLLECTOR), Flow.Peer.workload(TracingPipeline.JAEGER),
                TracingPipeline.OTLP_GRPC_PORT, "monitoring: the collector exports traces to Jaeger"));
        for (int port : API_SERVER_PORTS) {
            flows.add(Flow.tcp(prometheus, anywhere, port, "monitoring: Prometheus discovers targets through the API server"));
        }
        flows.add(Flow.tcp(prometheus, anywhere, KUBELET_PORT, "monitoring: Prometheus scrapes cAdvisor on every kubelet"));
        Flow.Peer alertmanager = Flow.Peer.workload("alertmanager");
        flows.add(Flow.tcp(prometheus, alertmanager, AlertRouting.PORT, "monitoring: Prometheus sends firing alerts to Alertmanager"));
        flows.add(Flow.tcp(alertmanager, Flow.Peer.internet(), Flow.HTTPS, "monitoring: Alertmanager posts to the on-call webhook"));
        if (customMetrics) {
            flows.add(Flow.tcp(Flow.Peer.namespace(PrometheusAdapter.NAMESPACE, PrometheusAdapter.POD_LABELS), prometheus,
                    PrometheusServer.PORT, "stack: voiceplane:cluster.customMetrics prometheus-adapter serves the HPAs' Pods "
                            + "metrics from this Prometheus"));
        }
        if (backups) {
            flows.add(Flow.tcp(prometheus, Flow.Peer.namespace(KubeStateMetrics.NAMESPACE, KubeStateMetrics.LABELS), KubeStateMetrics.PORT,
                    "monitoring: Prometheus reads the backup Jobs' state from kube-state-metrics"));
        }
        if (logs) {
            flows.add(Flow.tcp(Flow.Peer.workload("grafana"), Flow.Peer.workload(LogPipeline.LOKI), LogPipeline.LOKI_PORT,
                    "monitoring: Grafana's Loki datasource"));
            flows.add(Flow.tcp(Flow.Peer.namespace(LogPipeline.namespaceOf(system), Map.of("app.kubernetes.io/name", "promtail")),
                    Flow.Peer.workload(LogPipeline.LOKI), LogPipeline.LOKI_PORT, "monitoring: Promtail pushes node logs to Loki"));
        }
        return flows;
    }

    /**
     * Between the stack and one service: Prometheus scrapes its {@value ServiceSpec#METRICS_PATH} on its port, or
     * in a meshed stack on the sidecar's merged-metrics port {@value MeshSidecar#MERGED_METRICS_PORT} (STRICT mutual
     * TLS refuses Prometheus on the service's own); the service sends its traces to the collector.
     */
    static List<Flow> ofService(ServiceSpec s, boolean mesh) {
        return List.of(scrape(s, mesh), Flow.tcp(Flow.Peer.workload(s.name()), Flow.Peer.workload(TracingPipeline.COLLECTOR),
                TracingPipeline.OTLP_HTTP_PORT, "catalog: " + s.name() + " sends traces to its OTEL_EXPORTER_OTLP_ENDPOINT"));
    }

    /** Prometheus scraping one service: on its port, or in a meshed stack on the sidecar's merged-metrics port. */
    static Flow scrape(ServiceSpec s, boolean mesh) {
        Flow.Peer self = Flow.Peer.workload(s.name());
        Flow.Peer prometheus = Flow.Peer.workload(PrometheusServer.WORKLOAD);
        return mesh
                ? Flow.tcp(prometheus, self, MeshSidecar.MERGED_METRICS_PORT, "catalog: " + s.name() + " serves "
                        + ServiceSpec.METRICS_PATH + ", merged by its Istio sidecar on " + MeshSidecar.MERGED_METRICS_PORT + " outside mutual TLS")
                : Flow.tcp(prometheus, self, s.port(), "catalog: " + s.name() + " serves " + ServiceSpec.METRICS_PATH + " on its port");
    }

    /**
     * The log shipper's own connections, for the default-deny policies of its namespace
     * ({@link LogPipeline#namespaceOf}): Promtail pushes to Loki in the system namespace and discovers
     * pods through the API server; nothing may connect to it.
     */
    static List<Flow> logShipper(String lokiNamespace) {
        Flow.Peer promtail = Flow.Peer.workload("promtail");
        List<Flow> flows = new ArrayList<>();
        flows.add(Flow.tcp(promtail, Flow.Peer.namespace(lokiNamespace, Map.of("app.kubernetes.io/name", LogPipeline.LOKI)), LogPipeline.LOKI_PORT,
                "monitoring: Promtail pushes node logs to Loki"));
        for (int port : API_SERVER_PORTS) {
            flows.add(Flow.tcp(promtail, Flow.Peer.network("0.0.0.0/0"), port, "monitoring: Promtail discovers pods through the API server"));
        }
        return flows;
    }

}
