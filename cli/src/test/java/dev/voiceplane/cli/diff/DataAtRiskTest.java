package dev.voiceplane.cli.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DataAtRiskTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static JsonNode claim(String storageClass, String size) throws Exception {
        return json("{'apiVersion':'v1','kind':'PersistentVolumeClaim','metadata':{'name':'data'},"
                + "'spec':{'storageClassName':'" + storageClass + "','resources':{'requests':{'storage':'" + size + "'}}}}");
    }

    @Test
    void deletingAClaimAStatefulSetANamespaceOrAnythingMarkedAsHoldingDataIsAtRisk() throws Exception {
        assertThat(DataAtRisk.ifDeleted(claim("fast-ssd", "1Gi"))).isPresent();
        assertThat(DataAtRisk.ifDeleted(json("{'kind':'StatefulSet','metadata':{'name':'redis'}}"))).isPresent();
        assertThat(DataAtRisk.ifDeleted(json("{'kind':'PersistentVolume','metadata':{'name':'pv-1'}}"))).get().asString()
                .contains("the volume itself");
        assertThat(DataAtRisk.ifDeleted(json("{'kind':'Namespace','metadata':{'name':'ai-ninja'}}"))).get().asString()
                .contains("every claim");
        assertThat(DataAtRisk.ifDeleted(json("{'kind':'Bucket','metadata':{'name':'b','annotations':{'voiceplane.dev/holds-data':'true'}}}")))
                .get().asString().contains("voiceplane.dev/holds-data");
        assertThat(DataAtRisk.ifDeleted(json("{'kind':'ConfigMap','metadata':{'name':'flags'}}"))).isEmpty();
    }

    @Test
    void aClaimMayGrowButNotShrinkOrMoveToAnotherStorageClass() throws Exception {
        assertThat(DataAtRisk.ifChanged(claim("fast-ssd", "10Gi"), claim("fast-ssd", "20Gi"))).isEmpty();
        assertThat(DataAtRisk.ifChanged(claim("fast-ssd", "1Gi"), claim("fast-ssd", "1024Mi"))).isEmpty();
        assertThat(DataAtRisk.ifChanged(claim("fast-ssd", "2Gi"), claim("fast-ssd", "1500Mi"))).singleElement().asString()
                .contains("shrinks the claim from 2Gi to 1500Mi");
        assertThat(DataAtRisk.ifChanged(claim("fast-ssd", "10Gi"), claim("standard-ssd", "10Gi"))).singleElement().asString()
                .contains("spec.storageClassName").contains("deleted and made again");
    }

    @Test
    void aStatefulSetsReplicasMayChangeButItsSelectorMayNot() throws Exception {
        JsonNode before = json("{'kind':'StatefulSet','spec':{'replicas':1,'serviceName':'pg','selector':{'matchLabels':{'app':'pg'}}}}");
        JsonNode scaled = json("{'kind':'StatefulSet','spec':{'replicas':3,'serviceName':'pg','selector':{'matchLabels':{'app':'pg'}}}}");
        JsonNode reselected = json("{'kind':'StatefulSet','spec':{'replicas':1,'serviceName':'pg','selector':{'matchLabels':{'app':'db'}}}}");
        assertThat(DataAtRisk.ifChanged(before, scaled)).isEmpty();
        assertThat(DataAtRisk.ifChanged(before, reselected)).singleElement().asString().contains("spec.selector");
    }

    @Test
    void aStorageClassesReclaimPolicyCannotChangeInPlace() throws Exception {
        JsonNode retain = json("{'kind':'StorageClass','provisioner':'disk.csi.azure.com','reclaimPolicy':'Retain'}");
        JsonNode delete = json("{'kind':'StorageClass','provisioner':'disk.csi.azure.com','reclaimPolicy':'Delete'}");
        assertThat(DataAtRisk.ifChanged(retain, delete)).singleElement().asString().contains("reclaimPolicy");
    }
}
