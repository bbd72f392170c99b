package dev.voiceplane.charts.monitoring;

import java.util.Map;

/**
 * Where prometheus-adapter runs, as infra installs it (the prometheus-community chart, release
 * {@value #RELEASE}, beside kube-prometheus-stack in {@value #NAMESPACE}): it serves the HPAs' Pods
 * metrics ({@link dev.voiceplane.charts.ScalingTargets#adapterRules()}) by querying each system's
 * Prometheus, whose NetworkPolicy admits exactly these pods. Infra reads these constants when it
 * installs the release, so the two cannot drift.
 */
public final class PrometheusAdapter {
    /** The namespace infra installs the adapter (and kube-prometheus-stack) into. */
    public static final String NAMESPACE = "monitoring";
    /** The Helm release name; the chart labels its pods with it. */
    public static final String RELEASE = "prometheus-adapter";
    /**
     * The labels the chart puts on the adapter's pods (its {@code app.kubernetes.io/name} is the
     * chart name, {@code app.kubernetes.io/instance} the release).
     */
    public static final Map<String, String> POD_LABELS = Map.of(
            "app.kubernetes.io/name", "prometheus-adapter",
            "app.kubernetes.io/instance", RELEASE);

    private PrometheusAdapter() {
    }
}
