package dev.voiceplane.systems;

import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.stack.StackConfigParser;
import dev.voiceplane.synth.Synthesizer;
import dev.voiceplane.testing.Testing;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which stacks back up what, to where, as whom: the systems' rules. How a job looks is BackupScheduleTest's. */
class SystemBackupsTest {

    private static String env(ObjectNode cronJob, String name) {
        for (JsonNode e : cronJob.at("/spec/jobTemplate/spec/template/spec/containers/0/env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText();
            }
        }
        throw new AssertionError("no env " + name);
    }

    @Test
    void inClusterStoresOnAwsGoToTheStacksBucketAsTheRoleInfraCreates() {
        String stack = "bharatvoice-production";
        ObjectNode job = object(stack, "CronJob", "postgres-backup");
        assertThat(env(job, "DESTINATION")).isEqualTo("s3://" + Testing.stack(stack).cloudIdentities().backupBucket() + "/bharatvoice/postgres");
        String account = job.at("/spec/jobTemplate/spec/template/spec/serviceAccountName").asText();
        // The role ARN is infra's, filled in at deploy time; the stack file carries none.
        assertThat(object(stack + Testing.DEPLOYED, "ServiceAccount", account).at("/metadata/annotations/eks.amazonaws.com~1role-arn").asText())
                .isEqualTo("arn:aws:iam::" + Testing.DEPLOYED_ACCOUNT + ":role/bharatvoice-production-backups");
        // BharatVoice has a shared data volume, so it gets the weekly data job too.
        assertThat(ofKind(stack, "CronJob")).extracting(o -> o.at("/metadata/name").asText())
                .containsExactlyInAnyOrder("postgres-backup", "redis-backup", "data-backup");
    }

    @Test
    void aLaptopBacksUpToABulkStorageVolume() {
        assertThat(env(object("local", "CronJob", "postgres-backup"), "DESTINATION")).isEqualTo("/backups/postgres");
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
        assertThat(env(job, "DESTINATION")).isEqualTo("https://aininjabackups.blob.core.windows.net/backups/ai-ninja/postgres");
        ObjectNode account = objects.stream().filter(o -> o.path("kind").asText().equals("ServiceAccount")
                && o.at("/metadata/name").asText().equals("ai-ninja-backup")).findFirst().orElseThrow();
        assertThat(account.at("/metadata/annotations/azure.workload.identity~1client-id").asText()).isEqualTo("7a2b4c6d-8e0f-4a1b-9c3d-5e7f9a1b3c5d");
    }

    /**
     * Every stack with in-cluster PostgreSQL archives its WAL beside the nightly dumps (so the bucket's postgres
     * lifecycle rule keeps and expires both) as the backup account, and its policy lets Prometheus read the exporter;
     * managed PostgreSQL keeps its cloud's point-in-time restore. How archiving looks is WalArchivingTest's.
     */
    @Test
    void inClusterPostgresArchivesItsWalWhereItsDumpsGo() {
        for (String stack : Testing.stacks().names()) {
            boolean inCluster = ofKind(stack, "StatefulSet").stream().anyMatch(o -> o.at("/metadata/name").asText().equals("postgres"));
            if (!inCluster) {
                assertThat(ofKind(stack, "ServiceMonitor")).as(stack).noneMatch(m -> m.at("/metadata/name").asText().equals("postgres-metrics"));
                continue;
            }
            JsonNode pod = object(stack, "StatefulSet", "postgres").at("/spec/template/spec");
            String prefix = null;
            for (JsonNode e : pod.at("/containers/0/env")) {
                if (e.path("name").asText().matches("WALG_(S3|AZ|FILE)_PREFIX")) {
                    prefix = e.path("value").asText();
                }
            }
            String dumps = env(object(stack, "CronJob", "postgres-backup"), "DESTINATION");
            // Azure's WAL-G URL names the container where the dumps' https URL names the account and container.
            assertThat(prefix).as(stack).isNotNull().endsWith(dumps.replaceFirst("^https://[^/]+/", "") + "/walg");
            assertThat(pod.path("serviceAccountName").asText()).as(stack)
                    .isEqualTo(object(stack, "CronJob", "postgres-backup").at("/spec/jobTemplate/spec/template/spec/serviceAccountName").asText());
            assertThat(object(stack, "NetworkPolicy", "postgres-network").at("/spec/ingress").toString()).as(stack).contains("9187");
        }
        assertThat(ofKind("ai-ninja-production", "StatefulSet")).isEmpty();
    }
}
