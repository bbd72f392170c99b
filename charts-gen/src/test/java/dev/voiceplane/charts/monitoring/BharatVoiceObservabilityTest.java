package dev.voiceplane.charts.monitoring;

import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.charts.BackupSchedule;
import dev.voiceplane.testing.Testing;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

/**
 * BharatVoice's dashboards and alerts are its guide's (dashboards "Application overview",
 * "Infrastructure", "Voice processing performance", "User experience"; errors under 1 % on critical
 * endpoints, voice processing under 5 s, p95 under 2 s for simple queries), on series BharatVoice
 * actually has: the meters app/bharatvoice-app, app/bharatvoice-worker and app/core register (as
 * Micrometer's Prometheus registry names them), cAdvisor's and kubelet's, kube-state-metrics', and
 * Prometheus's own. A panel on a series nobody exports stays empty and an alert on one never fires.
 */
class BharatVoiceObservabilityTest {
    /** The application BharatVoice's alerts and dashboards are about, as {@code systems.BharatVoice} names it. */
    private static final String APP = "bharatvoice-app";
    /** Every series name the BharatVoice services export (Micrometer names: dots to '_', counters '_total', timers '_seconds'). */
    private static final Set<String> EXPORTED = Set.of(
            // app/core
            "http_server_requests_seconds_bucket", "http_server_requests_seconds_count", "http_server_requests_seconds_sum",
            "http_server_errors_total", "rate_limit_rejected_total", "rate_limit_unavailable_total", "auth_failures_total",
            "http_server_unhandled_exceptions_total", "jvm_memory_used_bytes", "jvm_gc_pause_seconds_sum", "jvm_gc_pause_seconds_count",
            "jvm_threads_live_threads",
            // app/bharatvoice-app
            "bharatvoice_queries_total", "bharatvoice_voice_uploads_total", "bharatvoice_voice_upload_bytes_sum",
            "bharatvoice_voice_upload_bytes_count", "bharatvoice_auth_logins_total", "bharatvoice_auth_registrations_total",
            "bharatvoice_refresh_token_reuse_total",
            // app/bharatvoice-worker
            "bharatvoice_job_duration_seconds_bucket", "bharatvoice_job_duration_seconds_count", "bharatvoice_jobs_total",
            "bharatvoice_queue_depth", "bharatvoice_jobs_in_flight", "voice_processing_failures_total",
            // app/bharatvoice-worker VoiceMetrics (issue 14)
            "bharatvoice_voice_query_seconds_bucket", "bharatvoice_voice_stage_seconds_bucket", "bharatvoice_voice_failures_total");
    private static final Pattern OTHERS = Pattern.compile(
            // cAdvisor, kubelet, kube-state-metrics, and postgres_exporter's pg_stat_archiver collector beside PostgreSQL (WalArchiving)
            "up|ALERTS|container_.*|kubelet_volume_stats_.*|kube_job_.*|kube_cronjob_.*|pg_stat_archiver_(failed_count|last_archive_age)");
    private static final Pattern SERIES = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{");

    private static Set<String> seriesIn(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher m = SERIES.matcher(expr);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * BharatVoice's Monitoring alone, in a bare chart: its services from the catalog, the application the guide's
     * alerts and dashboards name, and the in-cluster stores' backups (whose alerts, and PostgreSQL's WAL archive's,
     * read kube-state-metrics and postgres_exporter).
     */
    private static Chart bharatVoice() {
        Chart chart = Testing.chart();
        new Monitoring(chart, "monitoring", Monitoring.Props.builder("bharatvoice", "bharatvoice", ServiceCatalog.of(SystemName.BHARATVOICE))
                .applicationAlerts(APP).backups(BackupSchedule.jobs(true)).build());
        return chart;
    }

    private static List<JsonNode> dashboards(Chart chart) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (ObjectNode cm : ofKind(chart, "ConfigMap")) {
            if (cm.at("/metadata/labels").has(Grafana.DASHBOARD_LABEL)) {
                for (JsonNode v : cm.path("data")) {
                    out.add(new ObjectMapper().readTree(v.asText()));
                }
            }
        }
        return out;
    }

    private static List<JsonNode> alerts(Chart chart) {
        List<JsonNode> rules = new ArrayList<>();
        ofKind(chart, "PrometheusRule").forEach(r -> r.at("/spec/groups").forEach(g -> g.path("rules").forEach(rules::add)));
        return rules;
    }

    private static JsonNode alert(List<JsonNode> alerts, String name) {
        return alerts.stream().filter(a -> a.path("alert").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no alert " + name));
    }

    @Test
    void theDashboardsAreTheGuidesFour() throws Exception {
        assertThat(dashboards(bharatVoice())).extracting(d -> d.path("title").asText()).containsExactlyInAnyOrder(
                "bharatvoice / Application overview", "bharatvoice / Infrastructure",
                "bharatvoice / Voice processing performance", "bharatvoice / User experience");
    }

    @Test
    void everyPanelAndAlertReadsASeriesBharatVoiceHas() throws Exception {
        Chart chart = bharatVoice();
        Set<String> unknown = new TreeSet<>();
        List<JsonNode> dashboards = dashboards(chart);
        assertThat(dashboards).isNotEmpty();
        for (JsonNode d : dashboards) {
            for (JsonNode p : d.path("panels")) {
                p.path("targets").forEach(t -> seriesIn(t.path("expr").asText()).stream()
                        .filter(s -> !EXPORTED.contains(s) && !OTHERS.matcher(s).matches())
                        .forEach(s -> unknown.add(d.path("title").asText() + " / " + p.path("title").asText() + ": " + s)));
            }
        }
        List<JsonNode> alerts = alerts(chart);
        assertThat(alerts).extracting(a -> a.path("alert").asText()).contains("BackupMissed", "PostgresWalArchivingFailing");
        for (JsonNode a : alerts) {
            seriesIn(a.path("expr").asText()).stream().filter(s -> !EXPORTED.contains(s) && !OTHERS.matcher(s).matches())
                    .forEach(s -> unknown.add(a.path("alert").asText() + ": " + s));
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void theGuidesTargetsAreAlerts() {
        List<JsonNode> alerts = alerts(bharatVoice());
        assertThat(alerts.stream().map(a -> a.path("alert").asText()).toList())
                .contains("CriticalEndpointErrors", "VoiceProcessingSlow", "SimpleQueryLatencyAboveTwoSeconds")
                .doesNotContain("AiResponseQualityLow", "HighResponseLatency", "HighErrorRate");
        assertThat(alert(alerts, "CriticalEndpointErrors").path("expr").asText()).endsWith("> 0.01")
                .contains("/api/queries").contains("/api/voice/uploads").contains("job=\"" + APP + "\"");
        assertThat(alert(alerts, "VoiceProcessingSlow").path("expr").asText()).contains("bharatvoice_job_duration_seconds_bucket").endsWith("> 5");
        assertThat(alert(alerts, "SimpleQueryLatencyAboveTwoSeconds").path("expr").asText()).contains("route=\"/api/queries\"").endsWith("> 2");
    }

    /** Without an application named, the ai-ninja guide's alerts: none of BharatVoice's targets. */
    @Test
    void withoutApplicationAlertsTheAiNinjaGuidesOwn() {
        Chart chart = Testing.chart();
        new Monitoring(chart, "monitoring", Monitoring.Props.builder("bharatvoice", "bharatvoice", ServiceCatalog.of(SystemName.BHARATVOICE)).build());
        assertThat(alerts(chart).stream().map(a -> a.path("alert").asText()).toList())
                .contains("AiResponseQualityLow", "HighResponseLatency", "HighErrorRate").doesNotContain("CriticalEndpointErrors");
    }
}
