package dev.voiceplane.charts;

import dev.voiceplane.testing.Testing;

import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.stack.StackConfigParser;
import dev.voiceplane.synth.Synthesizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupScheduleTest {
    private static final String STACK = "bharatvoice-production";

    private static JsonNode env(ObjectNode cronJob, String name) {
        for (JsonNode e : cronJob.at("/spec/jobTemplate/spec/template/spec/containers/0/env")) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no env " + name);
    }

    @Test
    void postgresIsBackedUpDailyAtTwoIndiaTimeAndKeptThirtyDays() {
        ObjectNode job = object(STACK, "CronJob", "postgres-backup");
        assertThat(job.at("/spec/schedule").asText()).isEqualTo("0 2 * * *");
        assertThat(job.at("/spec/timeZone").asText()).isEqualTo("Asia/Kolkata");
        assertThat(env(job, "RETENTION_DAYS").path("value").asText()).isEqualTo("30");
        assertThat(env(job, "DESTINATION").path("value").asText()).isEqualTo("s3://bharatvoice-production-backups/bharatvoice/postgres");
    }

    @Test
    void redisIsSnapshottedDailyAtThreeAndKeptSevenDays() {
        ObjectNode job = object(STACK, "CronJob", "redis-backup");
        assertThat(job.at("/spec/schedule").asText()).isEqualTo("0 3 * * *");
        assertThat(job.at("/spec/timeZone").asText()).isEqualTo("Asia/Kolkata");
        assertThat(env(job, "RETENTION_DAYS").path("value").asText()).isEqualTo("7");
        assertThat(env(job, "KIND").path("value").asText()).isEqualTo("redis");
    }

    @Test
    void applicationDataIsBackedUpWeeklyFromItsVolumeReadOnly() {
        ObjectNode job = object(STACK, "CronJob", "data-backup");
        assertThat(job.at("/spec/schedule").asText()).isEqualTo("0 4 * * 0");
        JsonNode pod = job.at("/spec/jobTemplate/spec/template/spec");
        assertThat(pod.at("/volumes/0/persistentVolumeClaim/claimName").asText()).isEqualTo("bharatvoice-data");
        assertThat(pod.at("/volumes/0/persistentVolumeClaim/readOnly").asBoolean()).isTrue();
    }

    /**
     * The dump is staged on a 20Gi disk-backed scratch volume: without an ephemeral-storage request
     * the scheduler may place the Job on a node without the space, and the kubelet evicts it mid-dump
     * (https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#local-ephemeral-storage).
     */
    @Test
    void theScratchVolumeIsRequestedAsEphemeralStorage() {
        for (String job : new String[] {"postgres-backup", "redis-backup", "data-backup"}) {
            JsonNode pod = object("bharatvoice-production", "CronJob", job).at("/spec/jobTemplate/spec/template/spec");
            String scratch = null;
            for (JsonNode v : pod.path("volumes")) {
                if (v.path("name").asText().equals("tmp")) {
                    scratch = v.at("/emptyDir/sizeLimit").asText();
                }
            }
            assertThat(scratch).isEqualTo("20Gi");
            assertThat(pod.at("/containers/0/resources/requests/ephemeral-storage").asText()).as(job).isEqualTo(scratch);
            assertThat(pod.at("/containers/0/resources/limits/ephemeral-storage").asText()).as(job).isEqualTo("21Gi");
        }
    }

    @Test
    void runsNeverOverlapAndAFewFinishedJobsAreKept() {
        for (ObjectNode job : ofKind(STACK, "CronJob")) {
            assertThat(job.at("/spec/concurrencyPolicy").asText()).isEqualTo("Forbid");
            assertThat(job.at("/spec/successfulJobsHistoryLimit").asInt()).isEqualTo(3);
            assertThat(job.at("/spec/failedJobsHistoryLimit").asInt()).isEqualTo(5);
        }
    }

    @Test
    void credentialsAreSecretReferencesAndTheUploadUsesTheCloudIdentity() {
        ObjectNode job = object(STACK, "CronJob", "postgres-backup");
        assertThat(env(job, "DB_PASSWORD").at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("bharatvoice-secrets");
        assertThat(env(job, "DB_PASSWORD").has("value")).isFalse();
        String account = job.at("/spec/jobTemplate/spec/template/spec/serviceAccountName").asText();
        // The role ARN is infra's, filled in at deploy time; the stack file carries none.
        assertThat(object(STACK + Testing.DEPLOYED, "ServiceAccount", account).at("/metadata/annotations/eks.amazonaws.com~1role-arn").asText())
                .isEqualTo("arn:aws:iam::" + Testing.DEPLOYED_ACCOUNT + ":role/bharatvoice-production-backups");
        assertThat(job.at("/spec/jobTemplate/spec/template/spec/volumes").toString()).contains("bharatvoice-backup-secrets");
    }

    @Test
    void theScriptCompressesEncryptsUploadsAndPrunes() {
        String script = object(STACK, "ConfigMap", "bharatvoice-backup-scripts").at("/data/backup.sh").asText();
        assertThat(script).contains("pg_dump").contains("gzip -9").contains("gpg --batch").contains("aws s3 cp")
                .contains("azcopy copy").contains("redis-cli").contains("--rdb");
    }

    @Test
    void theSameScriptRestoresACopyWithTheKeyMountedForTheRestoreOnly() {
        String script = object(STACK, "ConfigMap", "bharatvoice-backup-scripts").at("/data/backup.sh").asText();
        assertThat(script).contains("MODE:-backup}\" = restore").contains("/restore-key/" + BackupSchedule.GPG_PRIVATE_KEY)
                .contains("--decrypt").contains("psql").contains("--single-transaction").contains("/restore-target/dump.rdb");
        assertThat(BackupSchedule.restoreKeySecret("bharatvoice")).isEqualTo("bharatvoice-backup-restore-key");
    }

    @Test
    void aLaptopBacksUpToABulkStorageVolume() {
        ObjectNode job = object("local", "CronJob", "postgres-backup");
        assertThat(env(job, "DESTINATION").path("value").asText()).isEqualTo("/backups/postgres");
        assertThat(object("local", "PersistentVolumeClaim", "ai-ninja-backups").at("/spec/storageClassName").asText()).isEqualTo("bulk-storage");
    }

    @Test
    void managedStoresAreLeftToTheirCloudsBackups() {
        assertThat(ofKind("ai-ninja-production", "CronJob")).isEmpty();
    }

    @Test
    void azureInClusterStoresUploadToBlobStorageAsTheirWorkloadIdentity() {
        var stack = StackConfigParser.parse("test", "azure-in-cluster", """
                config:
                  voiceplane:system: ai-ninja
                  voiceplane:environment: staging
                  voiceplane:cloud: azure
                  voiceplane:region: centralindia
                  voiceplane:dataStores: in-cluster
                  voiceplane:vault: {url: "https://test-kv.vault.azure.net/", identity: 3f1c2a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6b, tenantId: 72f988bf-86f1-41af-91ab-2d7cd011db47}
                  voiceplane:backups: {bucket: backups, account: aininjabackups, identity: 7a2b4c6d-8e0f-4a1b-9c3d-5e7f9a1b3c5d}
                """);
        List<ObjectNode> objects = Synthesizer.synth(stack).stream().flatMap(m -> m.objects().stream()).toList();
        ObjectNode job = objects.stream().filter(o -> o.path("kind").asText().equals("CronJob")
                && o.at("/metadata/name").asText().equals("postgres-backup")).findFirst().orElseThrow();
        assertThat(env(job, "DESTINATION").path("value").asText()).isEqualTo("https://aininjabackups.blob.core.windows.net/backups/ai-ninja/postgres");
        assertThat(job.at("/spec/jobTemplate/spec/template/metadata/labels/azure.workload.identity~1use").asText()).isEqualTo("true");
        ObjectNode account = objects.stream().filter(o -> o.path("kind").asText().equals("ServiceAccount")
                && o.at("/metadata/name").asText().equals("ai-ninja-backup")).findFirst().orElseThrow();
        assertThat(account.at("/metadata/annotations/azure.workload.identity~1client-id").asText()).isEqualTo("7a2b4c6d-8e0f-4a1b-9c3d-5e7f9a1b3c5d");
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
