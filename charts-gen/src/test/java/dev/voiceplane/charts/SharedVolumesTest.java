package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.stack.Cloud;
import dev.voiceplane.testing.Testing;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

/** The shared volumes alone in a bare chart, each size on its own, and the mounts a service gets. */
class SharedVolumesTest {
    private final Chart chart = Testing.chart();

    private static SharedVolumes.Props.Builder props() {
        return SharedVolumes.Props.builder("shop", "shop-ns", Cloud.AWS);
    }

    private String size(String claim) {
        return object(chart, "PersistentVolumeClaim", claim).at("/spec/resources/requests/storage").asText();
    }

    @Test
    void dataModelsAndLogsAreClaimedOnSharedFilesForEveryReplica() {
        new SharedVolumes(chart, "volumes", props().build());
        assertThat(ofKind(chart, "PersistentVolumeClaim")).extracting(c -> c.at("/metadata/name").asText())
                .containsExactlyInAnyOrder("shop-data", "shop-model-cache", "shop-logs");
        for (ObjectNode claim : ofKind(chart, "PersistentVolumeClaim")) {
            assertThat(claim.at("/metadata/namespace").asText()).isEqualTo("shop-ns");
            assertThat(claim.at("/spec/storageClassName").asText()).isEqualTo(StorageTier.SHARED_FILES.className());
            assertThat(claim.at("/spec/accessModes/0").asText()).isEqualTo("ReadWriteMany");
        }
        assertThat(size("shop-data")).isEqualTo("50Gi");
        assertThat(size("shop-model-cache")).isEqualTo("20Gi");
        assertThat(size("shop-logs")).isEqualTo("20Gi");
    }

    @Test
    void everyClaimIsDeclaredSharedSoStorageTiersRefusesItOnADisk() {
        assertThat(props().build().claims()).hasSize(3).allMatch(StorageTiers.Claim::shared);
    }

    @Test
    void onlyTheDataIsLeftToBackupsTheCacheAndLogsSayWhyNot() {
        new SharedVolumes(chart, "volumes", props().build());
        assertThat(object(chart, "PersistentVolumeClaim", "shop-data").at("/metadata/annotations").has(NetworkPolicies.REASONS + ".backup-and-alert")).isFalse();
        assertThat(object(chart, "PersistentVolumeClaim", "shop-model-cache").at("/metadata/annotations/"
                + (NetworkPolicies.REASONS + ".backup-and-alert").replace("/", "~1")).asText()).contains("a cache");
        assertThat(props().build().dataClaim()).isEqualTo("shop-data");
    }

    @Test
    void eachSizeCanBeSetOnItsOwn() {
        new SharedVolumes(chart, "volumes", props().dataSize("200Gi").modelCacheSize("30Gi").logsSize("5Gi").build());
        assertThat(size("shop-data")).isEqualTo("200Gi");
        assertThat(size("shop-model-cache")).isEqualTo("30Gi");
        assertThat(size("shop-logs")).isEqualTo("5Gi");
    }

    @Test
    void aServiceWithADataDirectoryMountsAllThreeAndOthersNone() {
        SharedVolumes.Props volumes = props().build();
        assertThat(volumes.mountsFor(ServiceCatalog.get("bharatvoice-worker"))).containsExactly(
                new Microservice.ClaimMount("shop-data", SharedVolumes.DATA_DIR),
                new Microservice.ClaimMount("shop-model-cache", "/data/models"),
                new Microservice.ClaimMount("shop-logs", "/var/log/shop"));
        assertThat(ServiceCatalog.of(SystemName.AI_NINJA)).allSatisfy(s -> assertThat(volumes.mountsFor(s)).isEmpty());
    }

    @Test
    void onALaptopEveryReplicaSharesOneNodesVolume() {
        new SharedVolumes(chart, "volumes", SharedVolumes.Props.builder("shop", "shop-ns", Cloud.NONE).build());
        assertThat(object(chart, "PersistentVolumeClaim", "shop-data").at("/spec/accessModes/0").asText()).isEqualTo("ReadWriteOnce");
    }
}
