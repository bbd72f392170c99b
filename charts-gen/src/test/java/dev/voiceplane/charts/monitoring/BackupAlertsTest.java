package dev.voiceplane.charts.monitoring;

import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.charts.NetworkPolicies;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A backup nobody hears fail is no backup: every in-cluster store's CronJob is watched through
 * kube-state-metrics (installed by infra with kube-prometheus-stack), for a failed run and for a run
 * that has not succeeded within its period plus two hours (including one that never succeeded).
 */
class BackupAlertsTest {

    private static List<JsonNode> rules(String stack) {
        List<JsonNode> rules = new ArrayList<>();
        ofKind(stack, "PrometheusRule").forEach(r -> r.at("/spec/groups").forEach(g -> g.path("rules").forEach(rules::add)));
        return rules;
    }

    private static JsonNode rule(String stack, String alert) {
        return rules(stack).stream().filter(r -> r.path("alert").asText().equals(alert)).findFirst()
                .orElseThrow(() -> new AssertionError("no alert " + alert + " in " + stack));
    }

    @Test
    void aFailedBackupRunPages() {
        JsonNode failed = rule("bharatvoice-production", "BackupJobFailed");
        assertThat(failed.path("expr").asText()).contains("kube_job_status_failed{namespace=\"bharatvoice\"")
                .contains("postgres-backup").contains("redis-backup").contains("data-backup");
        assertThat(failed.at("/labels/severity").asText()).isEqualTo("critical");
    }

    @Test
    void aMissedBackupPagesAfterItsPeriodPlusTwoHours() {
        String missed = rule("bharatvoice-production", "BackupMissed").path("expr").asText();
        assertThat(missed).contains("kube_cronjob_status_last_successful_time{namespace=\"bharatvoice\",cronjob=\"postgres-backup\"}) > 93600")
                .contains("cronjob=\"data-backup\"}) > 612000")
                // A CronJob that never succeeded has no last-success series at all.
                .contains("kube_cronjob_created");
        assertThat(rule("local", "BackupMissed").path("expr").asText()).contains("redis-backup");
    }

    @Test
    void managedStoresHaveNoBackupJobsToWatch() {
        assertThat(rules("ai-ninja-production")).noneMatch(r -> r.path("alert").asText().startsWith("Backup"));
    }

    /** The system's Prometheus reads kube-state-metrics' series of its own namespace only. */
    @Test
    void theSystemsPrometheusScrapesKubeStateMetricsForItsNamespace() {
        JsonNode monitor = object("bharatvoice-production", "ServiceMonitor", "kube-state-metrics-bharatvoice");
        assertThat(monitor.at("/spec/namespaceSelector/matchNames/0").asText()).isEqualTo(KubeStateMetrics.NAMESPACE);
        assertThat(monitor.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("kube-state-metrics");
        assertThat(monitor.at("/spec/endpoints/0/metricRelabelings/0/regex").asText()).isEqualTo("bharatvoice");
        String reasons = object("bharatvoice-production", "NetworkPolicy", "prometheus-network").at("/metadata/annotations")
                .path(NetworkPolicies.REASONS).asText();
        assertThat(reasons).contains("egress " + KubeStateMetrics.PORT + "/TCP to monitoring/[kube-state-metrics]");
    }
}
