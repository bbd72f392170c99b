package dev.voiceplane.systems;

import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.charts.Component;
import dev.voiceplane.charts.Microservice;
import dev.voiceplane.charts.StorageTiers;
import dev.voiceplane.testing.Testing;
import org.junit.jupiter.api.Test;

/** The classes and claims each stack gets, with the values infra fills in at deploy time. How StorageTiers builds them per cloud is StorageTiersTest's. */
class SystemStorageTest {

    @Test
    void everyStackHasTheThreeGuideTiersAndSharedFiles() {
        for (String stack : Testing.stacks().names()) {
            assertThat(ofKind(stack, "StorageClass")).extracting(o -> o.at("/metadata/name").asText())
                    .containsExactly("bulk-storage", "fast-ssd", "shared-files", "standard-ssd");
        }
    }

    @Test
    void azureUsesDiskCsiWithTheGuidesSkus() {
        ObjectNode fast = object("ai-ninja-production", "StorageClass", "fast-ssd");
        assertThat(fast.path("provisioner").asText()).isEqualTo("disk.csi.azure.com");
        assertThat(fast.at("/parameters/skuName").asText()).isEqualTo("Premium_LRS");
        assertThat(object("ai-ninja-production", "StorageClass", "standard-ssd").at("/parameters/skuName").asText()).isEqualTo("StandardSSD_LRS");
        assertThat(object("ai-ninja-production", "StorageClass", "bulk-storage").at("/parameters/skuName").asText()).isEqualTo("Standard_LRS");
        assertThat(object("ai-ninja-production", "StorageClass", "shared-files").path("provisioner").asText()).isEqualTo("file.csi.azure.com");
    }

    @Test
    void awsUsesEncryptedEbsGp3WithProvisionedIopsForTheFastTier() {
        ObjectNode fast = object("bharatvoice-production", "StorageClass", "fast-ssd");
        assertThat(fast.path("provisioner").asText()).isEqualTo("ebs.csi.aws.com");
        assertThat(fast.at("/parameters/type").asText()).isEqualTo("gp3");
        assertThat(fast.at("/parameters/iopsPerGB").asText()).isEqualTo("300");
        assertThat(fast.at("/parameters/allowAutoIOPSPerGBIncrease").asText()).isEqualTo("true");
        assertThat(fast.at("/parameters/throughput").asText()).isEqualTo("250");
        assertThat(fast.at("/parameters/encrypted").asText()).isEqualTo("true");
        assertThat(object("bharatvoice-production", "StorageClass", "bulk-storage").at("/parameters/type").asText()).isEqualTo("st1");
        ObjectNode shared = object("bharatvoice-production" + Testing.DEPLOYED, "StorageClass", "shared-files");
        assertThat(shared.path("provisioner").asText()).isEqualTo("efs.csi.aws.com");
        // The file system is infra's, its id filled in at deploy time; plain synth of the stack file leaves it empty.
        assertThat(shared.at("/parameters/fileSystemId").asText()).isEqualTo(Testing.DEPLOYED_EFS);
        assertThat(object("bharatvoice-production", "StorageClass", "shared-files").at("/parameters/fileSystemId").asText()).isEmpty();
        assertThat(shared.at("/parameters/uid").asText()).isEqualTo(Integer.toString(Microservice.RUN_AS));
    }

    @Test
    void aLaptopClusterUsesItsDefaultProvisionerWithoutClaimingExpansion() {
        ObjectNode fast = object("local", "StorageClass", "fast-ssd");
        assertThat(fast.path("provisioner").asText()).isEqualTo(StorageTiers.LOCAL_PROVISIONER);
        assertThat(fast.path("allowVolumeExpansion").asBoolean()).isFalse();
        assertThat(fast.has("parameters")).isFalse();
    }

    @Test
    void volumesSurviveTheirClaimsAndBindWhereTheirPodRuns() {
        for (String stack : Testing.stacks().names()) {
            for (ObjectNode sc : ofKind(stack, "StorageClass")) {
                assertThat(sc.path("reclaimPolicy").asText()).as("%s %s", stack, sc.at("/metadata/name")).isEqualTo("Retain");
                assertThat(sc.path("volumeBindingMode").asText()).isEqualTo("WaitForFirstConsumer");
            }
        }
        assertThat(object("bharatvoice-production", "StorageClass", "fast-ssd").path("allowVolumeExpansion").asBoolean()).isTrue();
    }

    @Test
    void bharatVoiceClaimsSharedDataLogsAndModelCacheThatEveryReplicaMounts() {
        for (String claim : new String[] {"bharatvoice-data", "bharatvoice-logs", "bharatvoice-model-cache"}) {
            ObjectNode pvc = object("bharatvoice-production", "PersistentVolumeClaim", claim);
            assertThat(pvc.at("/spec/storageClassName").asText()).isEqualTo("shared-files");
            assertThat(pvc.at("/spec/accessModes/0").asText()).isEqualTo("ReadWriteMany");
            assertThat(pvc.at("/metadata/annotations").path(StorageTiers.HOLDS_DATA).asText()).isEqualTo("true");
        }
        var pod = object("bharatvoice-production", "Deployment", "bharatvoice-app").at("/spec/template/spec");
        assertThat(pod.at("/volumes").toString()).contains("\"claimName\":\"bharatvoice-data\"").contains("bharatvoice-model-cache");
        assertThat(pod.at("/containers/0/volumeMounts").toString()).contains("\"mountPath\":\"/data\"").contains("/data/models")
                .contains("/var/log/bharatvoice");
        assertThat(ofKind("ai-ninja-production", "PersistentVolumeClaim")).isEmpty();
    }

    @Test
    void classesGoToTheClusterFileAndClaimsToTheStorageFile() {
        var components = new java.util.TreeMap<String, java.util.Set<Component>>();
        Testing.synth("bharatvoice-production").forEach(m -> m.objects().forEach(o ->
                components.computeIfAbsent(o.path("kind").asText(), k -> java.util.EnumSet.noneOf(Component.class)).add(m.component())));
        // Cluster-wide classes are shared by the systems on a cluster; the claims are the system's own.
        assertThat(components.get("StorageClass")).containsExactly(Component.CLUSTER);
        assertThat(components.get("PersistentVolumeClaim")).containsExactly(Component.STORAGE);
    }
}
