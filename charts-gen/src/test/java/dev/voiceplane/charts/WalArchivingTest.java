package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.testing.Testing;
import java.util.ArrayList;
import java.util.List;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

/**
 * Point-in-time recovery of in-cluster PostgreSQL: WAL archived continuously with WAL-G beside the nightly
 * copies, base backups taken by the nightly run, archiving scraped for its alerts. One PostgresStore, one
 * BackupSchedule and the WalArchiving joining them, in a bare chart; which stacks archive is SystemBackupsTest's.
 */
class WalArchivingTest {
    private final Chart chart = Testing.chart();

    private WalArchiving build(BackupDestination to, String region) {
        PostgresStore postgres = new PostgresStore(chart, "postgres", PostgresStore.Props.builder("shop-ns", "shop-config", "shop-secrets").build());
        BackupSchedule.Props backups = BackupSchedule.Props.builder("shop", "shop-ns", "voiceplane/backup-tools:1.0", to)
                .secretName("shop-secrets").backupSecretName("shop-backup").build();
        BackupSchedule schedule = new BackupSchedule(chart, "backups", backups);
        return new WalArchiving(chart, "wal", WalArchiving.Props.builder(postgres.statefulSet(), schedule.cronJob(BackupSchedule.POSTGRES), backups)
                .region(region).placement(Placement.within(chart)).build());
    }

    private JsonNode pod() {
        return object(chart, "StatefulSet", PostgresStore.NAME).at("/spec/template/spec");
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
    void postgresArchivesEveryWalSegmentWithinAMinuteThroughWalGToS3AsTheBackupAccount() {
        build(BackupDestination.s3("shop-backups", "arn:aws:iam::111122223333:role/backups"), "ap-south-1");
        JsonNode pod = pod();
        JsonNode server = pod.at("/containers/0");
        assertThat(args(server)).containsSubsequence("-c", "archive_mode=on")
                .contains("archive_command=/walg/wal-g wal-push %p", "archive_timeout=" + WalArchiving.ARCHIVE_TIMEOUT_SECONDS,
                        "hba_file=/etc/postgresql/hba/pg_hba.conf");
        assertThat(pod.at("/initContainers/0/command/2").asText()).isEqualTo("cp /usr/local/bin/wal-g /walg/wal-g");
        assertThat(pod.at("/initContainers/0/image").asText()).isEqualTo("voiceplane/backup-tools:1.0");
        // Encrypted for the public key, beside the dumps so the bucket's postgres lifecycle rule keeps and expires them.
        assertThat(env(server, "WALG_S3_PREFIX")).isEqualTo("s3://shop-backups/shop/postgres/walg");
        assertThat(env(server, "WALG_PGP_KEY_PATH")).isEqualTo("/keys/" + BackupSchedule.GPG_PUBLIC_KEY);
        assertThat(env(server, "AWS_REGION")).isEqualTo("ap-south-1");
        assertThat(pod.path("volumes")).anySatisfy(v -> assertThat(v.at("/secret/secretName").asText()).isEqualTo("shop-backup"));
        // The upload uses the backup account's cloud identity; no key in the pod.
        assertThat(pod.path("serviceAccountName").asText()).isEqualTo(BackupSchedule.account("shop"));
        assertThat(server.toString()).doesNotContain("AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void theNightlyRunTakesTheBaseBackupWithTheSameArchiveSettings() {
        build(BackupDestination.s3("shop-backups", "arn:aws:iam::111122223333:role/backups"), "ap-south-1");
        ObjectNode job = object(chart, "CronJob", BackupSchedule.POSTGRES.name());
        JsonNode container = job.at("/spec/jobTemplate/spec/template/spec/containers/0");
        assertThat(env(container, "WALG_S3_PREFIX")).isEqualTo(env(pod().at("/containers/0"), "WALG_S3_PREFIX"));
        assertThat(BackupSchedule.SCRIPT).contains("wal-g backup-push").contains("RESTORE_TARGET_TIME").contains("recovery_target_time");
        // The image's pg_hba.conf admits no remote replication; WAL-G's remote base backup needs it.
        assertThat(object(chart, "ConfigMap", WalArchiving.HBA_CONFIG_MAP).at("/data/pg_hba.conf").asText())
                .contains("host replication all all scram-sha-256");
    }

    @Test
    void blobStorageIsReachedAsTheWorkloadIdentityOfTheAccount() {
        build(BackupDestination.blob("shopbackups", "backups", "3f1c2a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6b"), "centralindia");
        ObjectNode set = object(chart, "StatefulSet", PostgresStore.NAME);
        JsonNode server = set.at("/spec/template/spec/containers/0");
        assertThat(env(server, "WALG_AZ_PREFIX")).isEqualTo("azure://backups/shop/postgres/walg");
        assertThat(env(server, "AZURE_STORAGE_ACCOUNT")).isEqualTo("shopbackups");
        assertThat(set.at("/spec/template/metadata/labels/azure.workload.identity~1use").asText()).isEqualTo("true");
    }

    @Test
    void aLaptopArchivesToItsBackupVolumeAndNeedsNoInternet() {
        WalArchiving archiving = build(BackupDestination.claim("shop-backups"), "");
        JsonNode pod = pod();
        assertThat(env(pod.at("/containers/0"), "WALG_FILE_PREFIX")).isEqualTo("/backups/postgres/walg");
        assertThat(pod.path("volumes")).anySatisfy(v -> assertThat(v.at("/persistentVolumeClaim/claimName").asText()).isEqualTo("shop-backups"));
        assertThat(archiving.flows()).noneMatch(f -> f.to().equals(Flow.Peer.internet()));
    }

    @Test
    void theExporterIsScrapedThroughItsOwnServiceAndItsFlowsAreDeclared() {
        WalArchiving archiving = build(BackupDestination.s3("shop-backups", "arn:aws:iam::111122223333:role/backups"), "ap-south-1");
        JsonNode exporter = pod().at("/containers/1");
        assertThat(exporter.path("image").asText()).isEqualTo(WalArchiving.EXPORTER_IMAGE);
        assertThat(exporter.at("/env/0/valueFrom/secretKeyRef/name").asText()).isEqualTo("shop-secrets");
        ObjectNode service = object(chart, "Service", WalArchiving.METRICS_SERVICE);
        assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(WalArchiving.EXPORTER_PORT);
        ObjectNode monitor = object(chart, "ServiceMonitor", WalArchiving.METRICS_SERVICE);
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("metrics");
        assertThat(monitor.at("/spec/selector/matchLabels")).isEqualTo(service.at("/metadata/labels"));
        // Prometheus may reach the exporter, and PostgreSQL the object store.
        assertThat(archiving.flows()).anyMatch(f -> f.to().equals(Flow.Peer.workload(PostgresStore.NAME)) && f.port() == WalArchiving.EXPORTER_PORT)
                .anyMatch(f -> f.to().equals(Flow.Peer.internet()) && f.port() == Flow.HTTPS);
    }

    @Test
    void archivingToS3WithoutTheBucketsRegionIsReportedWithTheFix() {
        build(BackupDestination.s3("shop-backups", "arn:aws:iam::111122223333:role/backups"), "");
        assertThat(Testing.errors(chart)).containsExactly("[test/wal] WAL archiving to S3 needs the bucket's region; "
                + "give WalArchiving.Props.Builder.region the stack's region");
    }
}
