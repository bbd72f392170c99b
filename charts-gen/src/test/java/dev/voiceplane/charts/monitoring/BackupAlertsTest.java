package dev.voiceplane.charts.monitoring;

import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.charts.BackupSchedule;
import dev.voiceplane.charts.NetworkPolicies;
import dev.voiceplane.testing.Testing;
import java.util.ArrayList;
import java.util.List;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

/**
 * A backup nobody hears fail is no backup: each backup CronJob given to {@link Monitoring#backups} is
 * watched through kube-state-metrics (installed by infra with kube-prometheus-stack), for a failed run
 * and for a run that has not succeeded within its period plus two hours (including one that never
 * succeeded). One Monitoring in a bare chart, with only the backups under test; which stacks back up
 * what is SystemBackupsTest's.
 */
class BackupAlertsTest {
    private static final ServiceSpec SHOP = ServiceSpec.builder(SystemName.BHARATVOICE, "shop").port(8080).build();
    private final Chart chart = Testing.chart();

    private Monitoring monitoring(List<BackupSchedule.Job> backups) {
        return new Monitoring(chart, "monitoring", Monitoring.Props.builder("store", "store-ns", List.of(SHOP)).backups(backups).build());
    }

    private List<JsonNode> rules() {
        List<JsonNode> rules = new ArrayList<>();
        ofKind(chart, "PrometheusRule").forEach(r -> r.at("/spec/groups").forEach(g -> g.path("rules").forEach(rules::add)));
        return rules;
    }

    private JsonNode rule(String alert) {
        return rules().stream().filter(r -> r.path("alert").asText().equals(alert)).findFirst()
                .orElseThrow(() -> new AssertionError("no alert " + alert));
    }

    @Test
    void aFailedRunOfAnyGivenJobPages() {
        monitoring(List.of(BackupSchedule.POSTGRES, BackupSchedule.DATA));
        JsonNode failed = rule("BackupJobFailed");
        assertThat(failed.path("expr").asText()).contains("kube_job_status_failed{namespace=\"store-ns\"")
                .contains("job_name=~\"(postgres-backup|data-backup)-[0-9]+\"").doesNotContain("redis-backup");
        assertThat(failed.at("/labels/severity").asText()).isEqualTo("critical");
    }

    @Test
    void aMissedBackupPagesAfterItsPeriodPlusTwoHours() {
        monitoring(List.of(BackupSchedule.POSTGRES, BackupSchedule.REDIS, BackupSchedule.DATA));
        String missed = rule("BackupMissed").path("expr").asText();
        // Daily: 26 h; weekly: 170 h.
        assertThat(missed).contains("kube_cronjob_status_last_successful_time{namespace=\"store-ns\",cronjob=\"postgres-backup\"}) > 93600")
                .contains("cronjob=\"redis-backup\"}) > 93600")
                .contains("cronjob=\"data-backup\"}) > 612000")
                // A CronJob that never succeeded has no last-success series at all.
                .contains("kube_cronjob_created{namespace=\"store-ns\",cronjob=\"data-backup\"}) > 612000");
    }

    /** Only in-cluster PostgreSQL archives its WAL; a Redis-only backup set has no archive to watch. */
    @Test
    void thePostgresBackupAddsTheWalArchiveAlerts() {
        monitoring(List.of(BackupSchedule.POSTGRES));
        assertThat(rule("PostgresWalArchivingFailing").path("expr").asText()).contains("pg_stat_archiver_failed_count{namespace=\"store-ns\"");
        Chart other = Testing.chart();
        new Monitoring(other, "monitoring", Monitoring.Props.builder("store", "store-ns", List.of(SHOP)).backups(List.of(BackupSchedule.REDIS)).build());
        assertThat(object(other, "PrometheusRule", "store-alerts").toString()).contains("BackupMissed").doesNotContain("PostgresWal");
    }

    @Test
    void withoutBackupsThereIsNothingToWatch() {
        monitoring(List.of());
        assertThat(rules()).isNotEmpty().noneMatch(r -> r.path("alert").asText().startsWith("Backup") || r.path("alert").asText().startsWith("PostgresWal"));
        assertThat(ofKind(chart, "ServiceMonitor")).noneMatch(m -> m.at("/metadata/name").asText().startsWith("kube-state-metrics"));
    }

    /** The system's Prometheus reads kube-state-metrics' series of its own namespace only, and its policy lets it. */
    @Test
    void backupsMakeThePrometheusScrapeKubeStateMetricsForItsNamespace() {
        Monitoring monitoring = monitoring(List.of(BackupSchedule.REDIS));
        new NetworkPolicies(chart, "network", NetworkPolicies.Props.builder("store-ns", monitoring.flows()).build());
        JsonNode monitor = object(chart, "ServiceMonitor", "kube-state-metrics-store");
        assertThat(monitor.at("/metadata/namespace").asText()).isEqualTo("store-ns");
        assertThat(monitor.at("/spec/namespaceSelector/matchNames/0").asText()).isEqualTo(KubeStateMetrics.NAMESPACE);
        assertThat(monitor.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("kube-state-metrics");
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo(KubeStateMetrics.PORT_NAME);
        assertThat(monitor.at("/spec/endpoints/0/metricRelabelings/0/regex").asText()).isEqualTo("store-ns");
        String reasons = object(chart, "NetworkPolicy", "prometheus-network").at("/metadata/annotations").path(NetworkPolicies.REASONS).asText();
        assertThat(reasons).contains("egress " + KubeStateMetrics.PORT + "/TCP to " + KubeStateMetrics.NAMESPACE + "/[kube-state-metrics]");
    }
}
