package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.errors;
import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.testing.Testing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One BackupSchedule at a time, in a bare chart, each option on its own. */
class BackupScheduleTest {
    private static final BackupDestination S3 = BackupDestination.s3("shop-backups", "arn:aws:iam::111122223333:role/shop-backups");
    private final Chart chart = Testing.chart();

    private BackupSchedule build(BackupSchedule.Props.Builder props) {
        return new BackupSchedule(chart, "backups", props.build());
    }

    private static BackupSchedule.Props.Builder props(BackupDestination to) {
        return BackupSchedule.Props.builder("shop", "shop-ns", "tools:1", to);
    }

    private ObjectNode job(String name) {
        return object(chart, "CronJob", name);
    }

    private static JsonNode env(ObjectNode cronJob, String name) {
        for (JsonNode e : cronJob.at("/spec/jobTemplate/spec/template/spec/containers/0/env")) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no env " + name);
    }

    private static JsonNode volume(ObjectNode cronJob, String name) {
        for (JsonNode v : cronJob.at("/spec/jobTemplate/spec/template/spec/volumes")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    @Test
    void postgresIsDumpedDailyAtTwoIndiaTimeAndKeptThirtyDaysFromTheInClusterService() {
        build(props(S3));
        ObjectNode job = job("postgres-backup");
        assertThat(job.at("/metadata/namespace").asText()).isEqualTo("shop-ns");
        assertThat(job.at("/spec/schedule").asText()).isEqualTo("0 2 * * *");
        assertThat(job.at("/spec/timeZone").asText()).isEqualTo(BackupSchedule.TIME_ZONE);
        assertThat(env(job, "RETENTION_DAYS").path("value").asText()).isEqualTo("30");
        assertThat(env(job, "DESTINATION").path("value").asText()).isEqualTo("s3://shop-backups/shop/postgres");
        assertThat(env(job, "DB_HOST").path("value").asText()).isEqualTo("postgres-service.shop-ns.svc.cluster.local");
        assertThat(env(job, "DB_NAME").at("/valueFrom/configMapKeyRef/name").asText()).isEqualTo("shop-config");
        assertThat(env(job, "DB_PASSWORD").at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("shop-secrets");
        assertThat(env(job, "DB_PASSWORD").has("value")).isFalse();
        assertThat(volume(job, "keys").at("/secret/secretName").asText()).isEqualTo("shop-backup-secrets");
    }

    @Test
    void redisIsSnapshottedDailyAtThreeAndKeptSevenDays() {
        build(props(S3));
        ObjectNode job = job("redis-backup");
        assertThat(job.at("/spec/schedule").asText()).isEqualTo("0 3 * * *");
        assertThat(env(job, "RETENTION_DAYS").path("value").asText()).isEqualTo("7");
        assertThat(env(job, "KIND").path("value").asText()).isEqualTo("redis");
        assertThat(env(job, "REDIS_HOST").path("value").asText()).isEqualTo("redis-service.shop-ns.svc.cluster.local");
        assertThat(env(job, "REDIS_PASSWORD").at("/valueFrom/secretKeyRef/optional").asBoolean()).isTrue();
    }

    @Test
    void withoutADataClaimThereIsNoDataJob() {
        build(props(S3));
        assertThat(ofKind(chart, "CronJob")).extracting(o -> o.at("/metadata/name").asText())
                .containsExactlyInAnyOrder("postgres-backup", "redis-backup");
    }

    @Test
    void aDataClaimIsBackedUpWeeklyReadOnly() {
        BackupSchedule schedule = build(props(S3).dataClaim("shop-data"));
        ObjectNode job = job("data-backup");
        assertThat(job.at("/spec/schedule").asText()).isEqualTo("0 4 * * 0");
        assertThat(volume(job, "data").at("/persistentVolumeClaim/claimName").asText()).isEqualTo("shop-data");
        assertThat(volume(job, "data").at("/persistentVolumeClaim/readOnly").asBoolean()).isTrue();
        assertThat(schedule.jobs()).containsExactly(BackupSchedule.POSTGRES, BackupSchedule.REDIS, BackupSchedule.DATA);
    }

    @Test
    void storeHostsAndSecretNamesAreOptions() {
        build(props(S3).postgresHost("db.example").redisHost("cache.example").configMapName("cfg").secretName("creds")
                .backupSecretName("gpg"));
        assertThat(env(job("postgres-backup"), "DB_HOST").path("value").asText()).isEqualTo("db.example");
        assertThat(env(job("postgres-backup"), "DB_NAME").at("/valueFrom/configMapKeyRef/name").asText()).isEqualTo("cfg");
        assertThat(env(job("postgres-backup"), "DB_USERNAME").at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("creds");
        assertThat(env(job("redis-backup"), "REDIS_HOST").path("value").asText()).isEqualTo("cache.example");
        assertThat(volume(job("redis-backup"), "keys").at("/secret/secretName").asText()).isEqualTo("gpg");
    }

    /**
     * The dump is staged on a 20Gi disk-backed scratch volume: without an ephemeral-storage request
     * the scheduler may place the Job on a node without the space, and the kubelet evicts it mid-dump
     * (https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#local-ephemeral-storage).
     */
    @Test
    void theScratchVolumeIsRequestedAsEphemeralStorage() {
        build(props(S3).dataClaim("shop-data"));
        for (ObjectNode job : ofKind(chart, "CronJob")) {
            JsonNode pod = job.at("/spec/jobTemplate/spec/template/spec");
            assertThat(volume(job, "tmp").at("/emptyDir/sizeLimit").asText()).isEqualTo(BackupSchedule.SCRATCH);
            assertThat(pod.at("/containers/0/resources/requests/ephemeral-storage").asText()).isEqualTo(BackupSchedule.SCRATCH);
            assertThat(pod.at("/containers/0/resources/limits/ephemeral-storage").asText()).isEqualTo(BackupSchedule.EPHEMERAL_LIMIT);
        }
    }

    @Test
    void runsNeverOverlapStayOutOfTheMeshAndAFewFinishedJobsAreKept() {
        build(props(S3));
        for (ObjectNode job : ofKind(chart, "CronJob")) {
            assertThat(job.at("/spec/concurrencyPolicy").asText()).isEqualTo("Forbid");
            assertThat(job.at("/spec/successfulJobsHistoryLimit").asInt()).isEqualTo(3);
            assertThat(job.at("/spec/failedJobsHistoryLimit").asInt()).isEqualTo(5);
            assertThat(job.at("/spec/jobTemplate/spec/template/metadata/labels").path(MeshSidecar.INJECT).asText()).isEqualTo("false");
            JsonNode pod = job.at("/spec/jobTemplate/spec/template/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
            assertThat(pod.at("/containers/0/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(pod.path("automountServiceAccountToken").asBoolean()).isFalse();
        }
    }

    @Test
    void anS3DestinationUploadsAsTheIamRoleOverHttps() {
        BackupSchedule schedule = build(props(S3));
        ObjectNode account = object(chart, "ServiceAccount", "shop-backup");
        assertThat(account.at("/metadata/annotations/eks.amazonaws.com~1role-arn").asText()).isEqualTo("arn:aws:iam::111122223333:role/shop-backups");
        assertThat(schedule.flows()).filteredOn(f -> f.to().equals(Flow.Peer.internet())).hasSize(2);
    }

    @Test
    void aBlobDestinationUploadsAsTheWorkloadIdentity() {
        build(props(BackupDestination.blob("shopbackups", "copies", "7a2b4c6d-8e0f-4a1b-9c3d-5e7f9a1b3c5d")));
        ObjectNode job = job("postgres-backup");
        assertThat(env(job, "DESTINATION").path("value").asText()).isEqualTo("https://shopbackups.blob.core.windows.net/copies/shop/postgres");
        assertThat(job.at("/spec/jobTemplate/spec/template/metadata/labels/azure.workload.identity~1use").asText()).isEqualTo("true");
        assertThat(object(chart, "ServiceAccount", "shop-backup").at("/metadata/annotations/azure.workload.identity~1client-id").asText())
                .isEqualTo("7a2b4c6d-8e0f-4a1b-9c3d-5e7f9a1b3c5d");
    }

    @Test
    void aClaimDestinationMountsTheClaimAndNeedsNoInternet() {
        BackupSchedule schedule = build(props(BackupDestination.claim("shop-backups")));
        ObjectNode job = job("postgres-backup");
        assertThat(env(job, "DESTINATION").path("value").asText()).isEqualTo("/backups/postgres");
        assertThat(volume(job, "backups").at("/persistentVolumeClaim/claimName").asText()).isEqualTo("shop-backups");
        assertThat(job.at("/spec/jobTemplate/spec/template/metadata/labels").has("azure.workload.identity/use")).isFalse();
        assertThat(schedule.flows()).noneMatch(f -> f.to().equals(Flow.Peer.internet()));
    }

    @Test
    void theJobsDeclareTheirConnectionsToTheStores() {
        BackupSchedule schedule = build(props(S3));
        assertThat(schedule.flows()).anyMatch(f -> f.from().equals(Flow.Peer.workload("postgres-backup"))
                && f.to().equals(Flow.Peer.workload(PostgresStore.NAME)) && f.port() == 5432);
        assertThat(schedule.flows()).anyMatch(f -> f.from().equals(Flow.Peer.workload("redis-backup"))
                && f.to().equals(Flow.Peer.workload(RedisStore.NAME)) && f.port() == 6379);
    }

    @Test
    void placementPutsTheAccountAndScriptWithTheConfiguration() {
        Map<Component, Chart> charts = Testing.charts(Component.BACKUPS, Component.CONFIG_SECURITY);
        new BackupSchedule(charts.get(Component.BACKUPS), "backups", props(S3).placement(charts::get).build());
        assertThat(Testing.kinds(charts.get(Component.BACKUPS))).containsOnly("CronJob");
        assertThat(Testing.kinds(charts.get(Component.CONFIG_SECURITY))).containsExactlyInAnyOrder("ServiceAccount", "ConfigMap");
    }

    @Test
    void anS3DestinationWithoutABucketIsRefusedWithTheFix() {
        new BackupSchedule(chart, "s3", BackupSchedule.Props.builder("a", "ns", "tools:1", BackupDestination.s3("", "")).build());
        assertThat(errors(chart)).containsExactly(
                "[test/s3] backups to S3 need a bucket name; give BackupDestination.s3(bucket, roleArn) the stack's backup bucket");
    }

    @Test
    void blobAndClaimDestinationsWithoutNamesAreRefused() {
        new BackupSchedule(chart, "blob", BackupSchedule.Props.builder("a", "ns", "tools:1", BackupDestination.blob("", "c", "id")).build());
        assertThat(errors(chart)).containsExactly("[test/blob] backups to Blob Storage need a storage account and a container, got "
                + "account '' and container 'c'; give BackupDestination.blob(account, container, clientId) both");
        Chart local = Testing.chart();
        new BackupSchedule(local, "local", BackupSchedule.Props.builder("a", "ns", "tools:1", BackupDestination.claim("")).build());
        assertThat(errors(local)).containsExactly(
                "[test/local] local backups need a claim name; give BackupDestination.claim(name) the bulk-storage claim");
    }

    @Test
    void theScriptCompressesEncryptsUploadsAndPrunes() {
        build(props(S3));
        String script = object(chart, "ConfigMap", "shop-backup-scripts").at("/data/backup.sh").asText();
        assertThat(script).contains("pg_dump").contains("gzip -9").contains("gpg --batch").contains("aws s3 cp")
                .contains("azcopy copy").contains("redis-cli").contains("--rdb");
    }

    @Test
    void theSameScriptRestoresACopyWithTheKeyMountedForTheRestoreOnly() {
        assertThat(BackupSchedule.SCRIPT).contains("MODE:-backup}\" = restore").contains("/restore-key/" + BackupSchedule.GPG_PRIVATE_KEY)
                .contains("--decrypt").contains("psql").contains("--single-transaction").contains("/restore-target/dump.rdb");
        assertThat(BackupSchedule.restoreKeySecret("bharatvoice")).isEqualTo("bharatvoice-backup-restore-key");
    }

    @Test
    void theScriptIsValidShell(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("backup.sh");
        Files.writeString(script, BackupSchedule.SCRIPT);
        Process sh = new ProcessBuilder("sh", "-n", script.toString()).redirectErrorStream(true).start();
        String output = new String(sh.getInputStream().readAllBytes());
        assertThat(sh.waitFor()).as(output).isZero();
    }
}
