package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.errors;
import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.stack.Cloud;
import dev.voiceplane.testing.Testing;
import java.util.List;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

/** The storage classes of one cloud at a time, in a bare chart, and the claims on them. */
class StorageTiersTest {
    private final Chart chart = Testing.chart();

    private ObjectNode build(StorageTiers.Props.Builder props, String tier) {
        new StorageTiers(chart, "storage", props.build());
        return object(chart, "StorageClass", tier);
    }

    @Test
    void everyCloudGetsTheFourTiersKeptAfterTheirClaimsAndBoundWhereThePodRuns() {
        build(StorageTiers.Props.builder(Cloud.NONE), "fast-ssd");
        assertThat(ofKind(chart, "StorageClass")).extracting(o -> o.at("/metadata/name").asText())
                .containsExactly("bulk-storage", "fast-ssd", "shared-files", "standard-ssd");
        assertThat(ofKind(chart, "StorageClass")).allSatisfy(sc -> {
            assertThat(sc.path("reclaimPolicy").asText()).isEqualTo("Retain");
            assertThat(sc.path("volumeBindingMode").asText()).isEqualTo("WaitForFirstConsumer");
        });
    }

    @Test
    void aLaptopUsesItsDefaultProvisionerWithoutClaimingExpansion() {
        ObjectNode fast = build(StorageTiers.Props.builder(Cloud.NONE), "fast-ssd");
        assertThat(fast.path("provisioner").asText()).isEqualTo(StorageTiers.LOCAL_PROVISIONER);
        assertThat(fast.path("allowVolumeExpansion").asBoolean()).isFalse();
        assertThat(fast.has("parameters")).isFalse();
    }

    @Test
    void azureUsesDiskCsiWithTheGuidesSkusAndFilesForSharedFiles() {
        ObjectNode fast = build(StorageTiers.Props.builder(Cloud.AZURE), "fast-ssd");
        assertThat(fast.path("provisioner").asText()).isEqualTo("disk.csi.azure.com");
        assertThat(fast.at("/parameters/skuName").asText()).isEqualTo("Premium_LRS");
        assertThat(fast.path("allowVolumeExpansion").asBoolean()).isTrue();
        assertThat(object(chart, "StorageClass", "standard-ssd").at("/parameters/skuName").asText()).isEqualTo("StandardSSD_LRS");
        assertThat(object(chart, "StorageClass", "bulk-storage").at("/parameters/skuName").asText()).isEqualTo("Standard_LRS");
        assertThat(object(chart, "StorageClass", "shared-files").path("provisioner").asText()).isEqualTo("file.csi.azure.com");
    }

    @Test
    void awsUsesEncryptedGp3WithIopsPerGigabyteAndThroughputBulkOnSt1() {
        ObjectNode fast = build(StorageTiers.Props.builder(Cloud.AWS), "fast-ssd");
        assertThat(fast.path("provisioner").asText()).isEqualTo("ebs.csi.aws.com");
        assertThat(fast.at("/parameters/type").asText()).isEqualTo("gp3");
        assertThat(fast.at("/parameters/iopsPerGB").asText()).isEqualTo(Integer.toString(StorageTiers.FAST_SSD_IOPS_PER_GIB));
        assertThat(fast.at("/parameters/encrypted").asText()).isEqualTo("true");
        assertThat(object(chart, "StorageClass", "bulk-storage").at("/parameters/type").asText()).isEqualTo("st1");
        assertThat(object(chart, "StorageClass", "shared-files").path("provisioner").asText()).isEqualTo("efs.csi.aws.com");
    }

    @Test
    void efsFileSystemIdAndRunAsShapeTheSharedFilesAccessPoints() {
        ObjectNode shared = build(StorageTiers.Props.builder(Cloud.AWS).efsFileSystemId("fs-0123456789abcdef0").runAs(4242), "shared-files");
        assertThat(shared.at("/parameters/fileSystemId").asText()).isEqualTo("fs-0123456789abcdef0");
        assertThat(shared.at("/parameters/uid").asText()).isEqualTo("4242");
        assertThat(shared.at("/parameters/gid").asText()).isEqualTo("4242");
    }

    @Test
    void aClaimHoldsDataAndAnUnbackedOneSaysWhy() {
        StorageTiers.claim(chart, Cloud.AWS, "shop", new StorageTiers.Claim("shop-data", StorageTier.SHARED_FILES, "50Gi"));
        StorageTiers.claim(chart, Cloud.AWS, "shop", StorageTiers.Claim.unbacked("shop-cache", StorageTier.FAST_SSD, "5Gi", "a cache"));
        ObjectNode data = object(chart, "PersistentVolumeClaim", "shop-data");
        assertThat(data.at("/metadata/annotations").path(StorageTiers.HOLDS_DATA).asText()).isEqualTo("true");
        assertThat(data.at("/metadata/annotations").has(NetworkPolicies.REASONS + ".backup-and-alert")).isFalse();
        assertThat(data.at("/spec/accessModes/0").asText()).isEqualTo("ReadWriteMany");
        ObjectNode cache = object(chart, "PersistentVolumeClaim", "shop-cache");
        assertThat(cache.at("/metadata/annotations").path(NetworkPolicies.REASONS + ".backup-and-alert").asText()).isEqualTo("a cache");
        assertThat(cache.at("/spec/accessModes/0").asText()).isEqualTo("ReadWriteOnce");
    }

    @Test
    void anUnbackedClaimMustSayWhy() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StorageTiers.Claim.unbacked("c", StorageTier.BULK, "1Gi", " "))
                .hasMessageContaining("claim c: a volume left without backup must say why");
        assertThat(new StorageTiers.Claim("c", StorageTier.BULK, "1Gi").unbackedBecause()).isEmpty();
    }

    @Test
    void aClaimReplicasOnSeveralNodesShareIsRefusedOnADisk() {
        StorageTiers.Claim shared = new StorageTiers.Claim("shop-data", StorageTier.STANDARD_SSD, "50Gi").sharedAcrossNodes();
        new StorageTiers(chart, "storage", StorageTiers.Props.builder(Cloud.AWS).claims(List.of(shared)).build());
        assertThat(errors(chart)).containsExactly("[test/storage] claim 'shop-data' is mounted by pods on several nodes, but standard-ssd on aws "
                + "is ebs.csi.aws.com, whose volumes attach to one node at a time (ReadWriteOnce): pods on any other node would wait "
                + "on a Multi-Attach error; put the claim on shared-files");
    }

    @Test
    void azureDisksAttachToOneNodeToo() {
        List<StorageTiers.Claim> claims = List.of(new StorageTiers.Claim("a", StorageTier.FAST_SSD, "5Gi").sharedAcrossNodes(),
                new StorageTiers.Claim("b", StorageTier.BULK, "5Gi").sharedAcrossNodes());
        new StorageTiers(chart, "storage", StorageTiers.Props.builder(Cloud.AZURE).claims(claims).build());
        assertThat(errors(chart)).hasSize(2).allSatisfy(e -> assertThat(e).contains("is disk.csi.azure.com, whose volumes attach to one node"));
    }

    @Test
    void sharedClaimsOnFilesUnsharedOnDisksAndAnythingOnALaptopAreAccepted() {
        List<StorageTiers.Claim> claims = List.of(new StorageTiers.Claim("files", StorageTier.SHARED_FILES, "5Gi").sharedAcrossNodes(),
                new StorageTiers.Claim("disk", StorageTier.FAST_SSD, "5Gi"));
        new StorageTiers(chart, "aws", StorageTiers.Props.builder(Cloud.AWS).claims(claims).build());
        new StorageTiers(chart, "azure", StorageTiers.Props.builder(Cloud.AZURE).claims(claims).build());
        // One node: every pod mounts the local-path directory.
        new StorageTiers(chart, "laptop", StorageTiers.Props.builder(Cloud.NONE)
                .claims(List.of(new StorageTiers.Claim("disk", StorageTier.FAST_SSD, "5Gi").sharedAcrossNodes())).build());
        assertThat(Testing.synth(chart)).as("three sets of classes, no validation error").hasSize(12);
    }
}
