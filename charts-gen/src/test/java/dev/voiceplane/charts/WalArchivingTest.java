package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import dev.voiceplane.testing.Testing;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

/**
 * Point-in-time recovery of in-cluster PostgreSQL: WAL archived continuously with WAL-G beside the nightly
 * copies, base backups taken by the nightly run, and archiving watched by an alert.
 */
class WalArchivingTest {

    private static JsonNode postgres(String stack) {
        return object(stack, "StatefulSet", "postgres").at("/spec/template/spec");
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText();
            }
        }
        return null;
    }

    private static List<String> args(JsonNode container) {
        List<String> out = new ArrayList<>();
        container.path("args").forEach(a -> out.add(a.asText()));
        return out;
    }

    @Test
    void postgresArchivesEveryWalSegmentWithinAMinuteThroughWalG() {
        JsonNode pod = postgres("bharatvoice-production");
        JsonNode server = pod.at("/containers/0");
        assertThat(args(server)).containsSubsequence("-c", "archive_mode=on")
                .contains("archive_command=/walg/wal-g wal-push %p", "archive_timeout=60", "hba_file=/etc/postgresql/hba/pg_hba.conf");
        assertThat(pod.at("/initContainers/0/command/2").asText()).isEqualTo("cp /usr/local/bin/wal-g /walg/wal-g");
        assertThat(pod.at("/initContainers/0/image").asText()).contains(BackupSchedule.IMAGE_REPOSITORY);
        // Encrypted for the public key, beside the dumps so the bucket's postgres lifecycle rule keeps and expires them.
        assertThat(env(server, "WALG_S3_PREFIX")).isEqualTo("s3://bharatvoice-production-backups/bharatvoice/postgres/walg");
        assertThat(env(server, "WALG_PGP_KEY_PATH")).isEqualTo("/keys/" + BackupSchedule.GPG_PUBLIC_KEY);
        assertThat(env(server, "AWS_REGION")).isEqualTo("ap-south-1");
        // The upload uses the backup account's cloud identity; no key in the pod.
        assertThat(pod.path("serviceAccountName").asText()).isEqualTo("bharatvoice-backup");
        assertThat(server.toString()).doesNotContain("AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void theNightlyRunTakesTheBaseBackupWithTheSameArchiveSettings() {
        ObjectNode job = object("bharatvoice-production", "CronJob", BackupSchedule.POSTGRES.name());
        JsonNode container = job.at("/spec/jobTemplate/spec/template/spec/containers/0");
        assertThat(env(container, "WALG_S3_PREFIX")).isEqualTo(env(postgres("bharatvoice-production").at("/containers/0"), "WALG_S3_PREFIX"));
        assertThat(BackupSchedule.SCRIPT).contains("wal-g backup-push").contains("RESTORE_TARGET_TIME").contains("recovery_target_time");
        // The image's pg_hba.conf admits no remote replication; WAL-G's remote base backup needs it.
        assertThat(object("bharatvoice-production", "ConfigMap", WalArchiving.HBA_CONFIG_MAP).at("/data/pg_hba.conf").asText())
                .contains("host replication all all scram-sha-256");
    }

    @Test
    void aLaptopArchivesToItsBackupVolume() {
        JsonNode pod = postgres("local");
        assertThat(env(pod.at("/containers/0"), "WALG_FILE_PREFIX")).isEqualTo("/backups/postgres/walg");
        assertThat(pod.path("volumes")).anySatisfy(v -> assertThat(v.at("/persistentVolumeClaim/claimName").asText()).isEqualTo("ai-ninja-backups"));
    }

    @Test
    void archivingIsScrapedAndAlertedOn() {
        ObjectNode monitor = object("bharatvoice-production", "ServiceMonitor", WalArchiving.METRICS_SERVICE);
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("metrics");
        assertThat(postgres("bharatvoice-production").at("/containers/1/image").asText()).isEqualTo(WalArchiving.EXPORTER_IMAGE);
        List<String> alerts = new ArrayList<>();
        ofKind("bharatvoice-production", "PrometheusRule").forEach(r -> r.at("/spec/groups").forEach(g -> g.path("rules")
                .forEach(rule -> alerts.add(rule.path("alert").asText() + ": " + rule.path("expr").asText()))));
        assertThat(alerts).anySatisfy(a -> assertThat(a).startsWith("PostgresWalArchivingFailing: increase(pg_stat_archiver_failed_count"))
                .anySatisfy(a -> assertThat(a).startsWith("PostgresWalArchiveStale: pg_stat_archiver_last_archive_age"));
        // Prometheus may reach the exporter, and PostgreSQL the object store.
        String policy = object("bharatvoice-production", "NetworkPolicy", "postgres-network").toString();
        assertThat(policy).contains("9187").contains("443");
    }

    @Test
    void managedPostgresKeepsItsCloudsPointInTimeRestore() {
        assertThat(ofKind("ai-ninja-production", "ServiceMonitor")).noneMatch(m -> m.at("/metadata/name").asText().equals(WalArchiving.METRICS_SERVICE));
        assertThat(ofKind("ai-ninja-production", "StatefulSet")).isEmpty();
    }

    /** PostgreSQL, its nightly backups and WAL archiving alone in a bare chart, every object under the construct. */
    private static void alone(Chart chart, BackupDestination to, UnaryOperator<WalArchiving.Props.Builder> options) {
        PostgresStore store = new PostgresStore(chart, "postgres", PostgresStore.Props.builder("shop", "shop-config", "shop-secrets").build());
        BackupSchedule.Props backups = BackupSchedule.Props.builder("shop", "shop", "tools:1", to).build();
        BackupSchedule schedule = new BackupSchedule(chart, "backups", backups);
        new WalArchiving(chart, "wal", options.apply(WalArchiving.Props.builder(store.statefulSet(),
                schedule.cronJob(BackupSchedule.POSTGRES), backups)).build());
    }

    private static final BackupDestination S3 = BackupDestination.s3("shop-backups", "arn:aws:iam::111122223333:role/shop-backups");

    @Test
    void walGIsToldTheBucketsRegion() {
        Chart chart = Testing.chart();
        alone(chart, S3, b -> b.region("ap-south-1"));
        JsonNode pod = Testing.object(chart, "StatefulSet", PostgresStore.NAME).at("/spec/template/spec");
        assertThat(env(pod.at("/containers/0"), "AWS_REGION")).isEqualTo("ap-south-1");
        assertThat(env(pod.at("/containers/0"), "WALG_S3_PREFIX")).isEqualTo("s3://shop-backups/shop/postgres/walg");
    }

    @Test
    void archivingToS3WithoutARegionIsRefusedWithTheFix() {
        Chart chart = Testing.chart();
        alone(chart, S3, b -> b);
        assertThat(Testing.errors(chart)).containsExactly("[test/wal] WAL archiving to S3 needs the bucket's region; "
                + "give WalArchiving.Props.Builder.region the stack's region");
    }

    @Test
    void aLocalDestinationNeedsNoRegionAndKeepsEveryObjectUnderTheConstruct() {
        Chart chart = Testing.chart();
        alone(chart, BackupDestination.claim("shop-backups"), b -> b);
        assertThat(Testing.object(chart, "ConfigMap", WalArchiving.HBA_CONFIG_MAP).at("/metadata/namespace").asText()).isEqualTo("shop");
        assertThat(Testing.object(chart, "Service", WalArchiving.METRICS_SERVICE).at("/metadata/namespace").asText()).isEqualTo("shop");
    }
}
