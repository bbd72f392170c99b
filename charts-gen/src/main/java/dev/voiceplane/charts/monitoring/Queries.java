package dev.voiceplane.charts.monitoring;

/**
 * The PromQL that alerts and dashboards share, over the metrics the services export (app-core:
 * Micrometer's {@code http_server_requests_seconds} histogram labelled {@code service}, {@code route},
 * {@code method}, {@code status}; JVM meters; the business meters agreed with app) and the
 * kubelet's cAdvisor metrics. Every query is scoped to one namespace, so two systems in one
 * cluster never see each other's series. One place, so an alert and the panel that explains it
 * cannot drift apart.
 */
public final class Queries {
    // Metric names exported by app/core (dev.voiceplane.app.core.observability.HttpMetrics, Metrics, WebSocketSessions, RateLimiter).
    public static final String HTTP_REQUESTS = "http_server_requests_seconds";
    public static final String WEBSOCKET_SESSIONS = "websocket_sessions_active";
    public static final String RATE_LIMIT_REJECTED = "rate_limit_rejected_total";
    public static final String JVM_MEMORY_USED = "jvm_memory_used_bytes";
    public static final String JVM_GC_PAUSE = "jvm_gc_pause_seconds";
    public static final String JVM_THREADS = "jvm_threads_live_threads";
    // Business metrics agreed with app (names as issue 3 lists them).
    public static final String CALLS = "calls_total";
    public static final String CALLS_AI_HANDLED = "calls_ai_handled_total";
    public static final String AI_RESPONSE_QUALITY = "ai_response_quality";
    public static final String VOICE_FAILURES = "voice_processing_failures_total";
    public static final String AUTH_FAILURES = "auth_failures_total";
    public static final String ACTIVE_CALLS = "active_calls";

    private final String namespace;

    public Queries(String namespace) {
        this.namespace = namespace;
    }

    /** {@code {namespace="ns",extra}}. */
    public String sel(String extra) {
        return "{namespace=\"" + namespace + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    public String requestRate(String by) {
        return "sum by (" + by + ") (rate(" + HTTP_REQUESTS + "_count" + sel("") + "[5m]))";
    }

    public String errorRatio(String by) {
        return "sum by (" + by + ") (rate(" + HTTP_REQUESTS + "_count" + sel("status=~\"5..\"") + "[5m]))\n  /\n"
                + "sum by (" + by + ") (rate(" + HTTP_REQUESTS + "_count" + sel("") + "[5m]))";
    }

    /** Latency quantile in seconds from the histogram buckets. */
    public String latency(double quantile, String by, String extra) {
        String group = by.isEmpty() ? "le" : by + ", le";
        return "histogram_quantile(" + quantile + ", sum by (" + group + ") (rate(" + HTTP_REQUESTS + "_bucket" + sel(extra) + "[5m])))";
    }

    /** CPU used as a share of each container's limit (cAdvisor; containers without a limit drop out). */
    public String cpuOfLimit() {
        String c = sel("container!=\"\"");
        return "sum by (pod, container) (rate(container_cpu_usage_seconds_total" + c + "[5m]))\n  /\n"
                + "sum by (pod, container) (container_spec_cpu_quota" + c + " / container_spec_cpu_period" + c + ")";
    }

    /** Working-set memory as a share of each container's limit (what the OOM killer compares). */
    public String memoryOfLimit() {
        String c = sel("container!=\"\"");
        return "sum by (pod, container) (container_memory_working_set_bytes" + c + ")\n  /\n"
                + "sum by (pod, container) (container_spec_memory_limit_bytes" + c + " > 0)";
    }

    public String rate(String counter, String by) {
        return "sum by (" + by + ") (rate(" + counter + sel("") + "[5m]))";
    }

    public String total(String metric) {
        return "sum(" + metric + sel("") + ")";
    }
}
