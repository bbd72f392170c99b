package dev.voiceplane.charts;

import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.Exposure;
import dev.voiceplane.catalog.ServiceKind;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.stack.ServiceSettings;
import java.util.Map;
import java.util.Objects;

/**
 * What a service's HorizontalPodAutoscaler aims for. The guides' figures: API services scale at 70 %
 * CPU and 80 % memory, the BharatVoice worker at 75 % CPU; ai-ninja adds "custom metrics".
 *
 * @param cpuPercent    average CPU utilization of the requests to hold; always set
 * @param memoryPercent average memory utilization to hold; 0 for none
 * @param podMetric     a per-pod metric from Prometheus (through prometheus-adapter), or null
 */
public record ScalingTargets(int cpuPercent, int memoryPercent, PodMetric podMetric) {

    /**
     * A per-pod metric and the average value each pod should carry.
     *
     * @param name         the metric as the custom metrics API serves it
     * @param averageValue the per-pod average the autoscaler holds
     */
    public record PodMetric(String name, int averageValue) {
        public PodMetric {
            Objects.requireNonNull(name, "name");
            if (averageValue < 1) {
                throw new IllegalArgumentException("pod metric " + name + ": averageValue must be >= 1, got " + averageValue);
            }
        }
    }

    /** The guides' API services without a per-pod metric: 70 % CPU, 80 % memory. */
    public static final ScalingTargets API = new ScalingTargets(70, 80, null);

    /**
     * Calls in progress on one replica (the realtime processor's gauge {@code active_calls}): CPU lags
     * behind call admission, so the realtime processor scales on calls.
     */
    public static final String ACTIVE_CALLS = "active_calls";
    /**
     * Request rate per pod, derived by prometheus-adapter from the app's
     * {@code http_server_requests_seconds_count} ({@code rate(...[2m])}).
     */
    public static final String REQUESTS_PER_SECOND = "http_server_requests_per_second";
    /** Requests per second one API pod (500m CPU) is sized for before another is added. */
    static final int REQUESTS_PER_POD = 100;
    /** Share of MAX_CONCURRENT_CALLS at which another realtime pod is added, so admission never refuses. */
    static final int CALL_HEADROOM_PERCENT = 80;

    /**
     * The prometheus-adapter rules (https://github.com/kubernetes-sigs/prometheus-adapter/blob/master/docs/config.md)
     * that serve the per-pod metrics above through the custom metrics API, reading the system's
     * Prometheus; without them an HPA still scales up on CPU and memory but never scales down.
     * Series carry {@code namespace} and {@code pod} labels because the ServiceMonitors scrape pods.
     */
    public static String adapterRules() {
        String resources = "    resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}\n";
        return "rules:\n"
                + "  - seriesQuery: 'http_server_requests_seconds_count{namespace!=\"\",pod!=\"\"}'\n"
                + resources
                + "    name: {matches: \"^http_server_requests_seconds_count$\", as: \"" + REQUESTS_PER_SECOND + "\"}\n"
                + "    metricsQuery: 'sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)'\n"
                + "  - seriesQuery: '" + ACTIVE_CALLS + "{namespace!=\"\",pod!=\"\"}'\n"
                + resources
                + "    name: {as: \"" + ACTIVE_CALLS + "\"}\n"
                + "    metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)'\n";
    }

    public ScalingTargets {
        if (cpuPercent < 1 || cpuPercent > 100 || memoryPercent < 0 || memoryPercent > 100) {
            throw new IllegalArgumentException("utilization targets must be percentages, got cpu=" + cpuPercent + " memory=" + memoryPercent);
        }
    }

    /** These targets with the utilization figures a stack sets for the service ({@code voiceplane:services}) in their place. */
    public ScalingTargets with(ServiceSettings.Utilization stackSet) {
        return new ScalingTargets(stackSet.cpuPercent().orElse(cpuPercent), stackSet.memoryPercent().orElse(memoryPercent), podMetric);
    }

    /**
     * The guides' targets for one catalog service, given the system's ConfigMap values.
     *
     * @param customMetrics whether the cluster serves Pods metrics (prometheus-adapter): without a
     *                      server an HPA's Pods metric errors and the HPA never scales down, so it
     *                      scales on CPU and memory alone
     */
    public static ScalingTargets of(ServiceSpec spec, Map<String, String> appSettings, boolean customMetrics) {
        ScalingTargets guide = of(spec, appSettings);
        return customMetrics ? guide : new ScalingTargets(guide.cpuPercent(), guide.memoryPercent(), null);
    }

    private static ScalingTargets of(ServiceSpec spec, Map<String, String> appSettings) {
        if (spec.kind() == ServiceKind.WORKER) {
            // BharatVoice guide: "Worker scaling ... targetCPUUtilization: 75%", nothing else.
            return new ScalingTargets(75, 0, null);
        }
        if (spec.exposure() == Exposure.PUBLIC_WEBSOCKET) {
            int maxCalls = Integer.parseInt(appSettings.getOrDefault(Env.MAX_CONCURRENT_CALLS, "1000"));
            return new ScalingTargets(70, 80, new PodMetric(ACTIVE_CALLS, Math.max(1, maxCalls * CALL_HEADROOM_PERCENT / 100)));
        }
        return new ScalingTargets(70, 80, new PodMetric(REQUESTS_PER_SECOND, REQUESTS_PER_POD));
    }
}
