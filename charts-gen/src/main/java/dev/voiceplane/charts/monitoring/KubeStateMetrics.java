package dev.voiceplane.charts.monitoring;

import java.util.Map;

/**
 * Where kube-state-metrics runs, as infra installs it with kube-prometheus-stack (its
 * {@code kube-state-metrics} subchart, in {@value #NAMESPACE}): the Kubernetes object state the
 * backup alerts read ({@code kube_job_status_failed}, {@code kube_cronjob_status_last_successful_time})
 * comes from it. The system's Prometheus scrapes it and keeps its own namespace's series only.
 */
public final class KubeStateMetrics {
    public static final String NAMESPACE = PrometheusAdapter.NAMESPACE;
    /** Labels of its Service and pods (the chart's name label). */
    public static final Map<String, String> LABELS = Map.of("app.kubernetes.io/name", "kube-state-metrics");
    /** Its metrics port and the Service port's name. */
    public static final int PORT = 8080;
    public static final String PORT_NAME = "http";

    private KubeStateMetrics() {
    }
}
