package dev.voiceplane.charts.monitoring;

import static dev.voiceplane.charts.monitoring.Dashboard.Panel.graph;
import static dev.voiceplane.charts.monitoring.Dashboard.Panel.stat;

import dev.voiceplane.charts.monitoring.Dashboard.Target;
import java.util.List;

/**
 * The four dashboards of the ai-ninja guide ("System Overview", "Service Performance",
 * "Infrastructure", "Business Metrics"); BharatVoice has its own ({@link BharatVoiceDashboards}) and
 * shares {@link #infrastructure}. Queries come from {@link Queries}, the same ones the alerts use.
 */
public final class Dashboards {
    private Dashboards() {
    }

    /** All four, in a stable order. */
    public static List<Dashboard> of(String system, String namespace) {
        Queries q = new Queries(namespace);
        List<String> tags = List.of("voiceplane", system);
        return List.of(systemOverview(system, q, tags), servicePerformance(system, q, tags),
                infrastructure(system, q, tags), businessMetrics(system, q, tags));
    }

    static Dashboard systemOverview(String system, Queries q, List<String> tags) {
        return new Dashboard(system + "-system-overview", system + " / System Overview", tags)
                .add(stat("Requests per second", "reqps", "sum(rate(" + Queries.HTTP_REQUESTS + "_count" + q.sel("") + "[5m]))"))
                .add(stat("Error ratio (5xx)", "percentunit",
                        "sum(rate(" + Queries.HTTP_REQUESTS + "_count" + q.sel("status=~\"5..\"") + "[5m])) / sum(rate("
                                + Queries.HTTP_REQUESTS + "_count" + q.sel("") + "[5m]))"))
                .add(stat("P95 latency", "s", q.latency(0.95, "", "")))
                .add(stat("Targets up", "percentunit", "avg(up" + q.sel("") + ")"))
                .add(graph("Requests by service", "reqps", new Target(q.requestRate("service"), "{{service}}")))
                .add(graph("Error ratio by service", "percentunit", new Target(q.errorRatio("service"), "{{service}}")))
                .add(graph("P95 latency by service", "s", new Target(q.latency(0.95, "service", ""), "{{service}}")))
                .add(graph("Firing alerts", "short",
                        new Target("sum by (alertname, severity) (ALERTS" + q.sel("alertstate=\"firing\"") + ")", "{{alertname}} ({{severity}})")));
    }

    static Dashboard servicePerformance(String system, Queries q, List<String> tags) {
        String svc = "service=~\"$service\"";
        return new Dashboard(system + "-service-performance", system + " / Service Performance", tags)
                .serviceVariable(Queries.HTTP_REQUESTS + "_count" + q.sel(""), "service")
                .add(graph("Latency percentiles", "s",
                        new Target(q.latency(0.50, "service", svc), "p50 {{service}}"),
                        new Target(q.latency(0.95, "service", svc), "p95 {{service}}"),
                        new Target(q.latency(0.99, "service", svc), "p99 {{service}}")))
                .add(graph("Requests by status", "reqps", new Target("sum by (service, status) (rate("
                        + Queries.HTTP_REQUESTS + "_count" + q.sel(svc) + "[5m]))", "{{service}} {{status}}")))
                .add(graph("Slowest routes (P95)", "s", new Target("topk(10, " + q.latency(0.95, "service, route", svc) + ")",
                        "{{service}} {{route}}")))
                .add(graph("Requests refused by rate limit", "reqps", new Target("sum by (service) (rate("
                        + Queries.RATE_LIMIT_REJECTED + q.sel(svc) + "[5m]))", "{{service}}")))
                .add(graph("JVM heap used", "bytes", new Target("sum by (service, pod) (" + Queries.JVM_MEMORY_USED
                        + q.sel(svc + ",area=\"heap\"") + ")", "{{pod}}")))
                .add(graph("GC pause time", "s", new Target("sum by (service, pod) (rate(" + Queries.JVM_GC_PAUSE + "_sum"
                        + q.sel(svc) + "[5m]))", "{{pod}}")))
                .add(graph("Live threads", "short", new Target("sum by (service, pod) (" + Queries.JVM_THREADS + q.sel(svc) + ")", "{{pod}}")))
                .add(graph("Open WebSocket sessions", "short", new Target("sum by (service) (" + Queries.WEBSOCKET_SESSIONS
                        + q.sel(svc) + ")", "{{service}}")));
    }

    static Dashboard infrastructure(String system, Queries q, List<String> tags) {
        String c = q.sel("container!=\"\"");
        return new Dashboard(system + "-infrastructure", system + " / Infrastructure", tags)
                .add(graph("CPU use of limit", "percentunit", new Target(q.cpuOfLimit(), "{{pod}}/{{container}}")))
                .add(graph("Memory use of limit", "percentunit", new Target(q.memoryOfLimit(), "{{pod}}/{{container}}")))
                .add(graph("CPU cores used", "short", new Target("sum by (pod) (rate(container_cpu_usage_seconds_total" + c + "[5m]))", "{{pod}}")))
                .add(graph("CPU throttling", "percentunit", new Target("sum by (pod) (rate(container_cpu_cfs_throttled_periods_total" + c
                        + "[5m])) / sum by (pod) (rate(container_cpu_cfs_periods_total" + c + "[5m]))", "{{pod}}")))
                .add(graph("Memory working set", "bytes", new Target("sum by (pod) (container_memory_working_set_bytes" + c + ")", "{{pod}}")))
                .add(graph("Network", "Bps",
                        new Target("sum by (pod) (rate(container_network_receive_bytes_total" + q.sel("") + "[5m]))", "in {{pod}}"),
                        new Target("sum by (pod) (rate(container_network_transmit_bytes_total" + q.sel("") + "[5m]))", "out {{pod}}")))
                .add(graph("Volume use", "percentunit", new Target("sum by (persistentvolumeclaim) (kubelet_volume_stats_used_bytes" + q.sel("")
                        + ") / sum by (persistentvolumeclaim) (kubelet_volume_stats_capacity_bytes" + q.sel("") + ")", "{{persistentvolumeclaim}}")))
                .add(graph("Scrape targets up", "short", new Target("sum by (job) (up" + q.sel("") + ")", "{{job}}")));
    }

    static Dashboard businessMetrics(String system, Queries q, List<String> tags) {
        return new Dashboard(system + "-business-metrics", system + " / Business Metrics", tags)
                .add(stat("Active calls", "short", q.total(Queries.ACTIVE_CALLS)))
                .add(stat("Calls in the last 24 h", "short", "sum(increase(" + Queries.CALLS + q.sel("") + "[24h]))"))
                .add(stat("Handled by AI (24 h)", "percentunit", "sum(increase(" + Queries.CALLS_AI_HANDLED + q.sel("")
                        + "[24h])) / sum(increase(" + Queries.CALLS + q.sel("") + "[24h]))"))
                .add(stat("AI response quality", "percentunit", "avg(" + Queries.AI_RESPONSE_QUALITY + q.sel("") + ")"))
                .add(graph("Calls per minute", "short",
                        new Target("sum(rate(" + Queries.CALLS + q.sel("") + "[5m])) * 60", "all calls"),
                        new Target("sum(rate(" + Queries.CALLS_AI_HANDLED + q.sel("") + "[5m])) * 60", "handled by AI")))
                .add(graph("AI response quality", "percentunit",
                        new Target("avg by (service) (" + Queries.AI_RESPONSE_QUALITY + q.sel("") + ")", "{{service}}")))
                .add(graph("Voice processing failures", "short",
                        new Target("sum by (service) (increase(" + Queries.VOICE_FAILURES + q.sel("") + "[5m]))", "{{service}}")))
                .add(graph("Authentication failures", "short",
                        new Target("sum by (service) (increase(" + Queries.AUTH_FAILURES + q.sel("") + "[5m]))", "{{service}}")));
    }
}
