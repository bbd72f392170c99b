package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.errors;
import static dev.voiceplane.testing.Testing.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.testing.Testing;
import java.util.List;
import org.cdk8s.Chart;
import org.cdk8s.plus33.k8s.Container;
import org.junit.jupiter.api.Test;

/** The workload every in-cluster store runs as, alone in a bare chart. */
class StoreStatefulSetTest {
    private static final Container CONTAINER = Container.builder().name("kv").image("kv:1.2").build();
    private final Chart chart = Testing.chart();

    private ObjectNode build(StoreStatefulSet.Props.Builder props) {
        new StoreStatefulSet(chart, "kv", props.build());
        return object(chart, "StatefulSet", "kv");
    }

    @Test
    void nothingDeletesTheDataWhateverHappensToTheStatefulSet() {
        ObjectNode set = build(StoreStatefulSet.Props.builder("kv", "shop", 7000, CONTAINER));
        assertThat(set.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(set.at("/spec/persistentVolumeClaimRetentionPolicy/whenDeleted").asText()).isEqualTo("Retain");
        assertThat(set.at("/spec/persistentVolumeClaimRetentionPolicy/whenScaled").asText()).isEqualTo("Retain");
        assertThat(set.at("/metadata/annotations").path(StorageTiers.HOLDS_DATA).asText()).isEqualTo("true");
        assertThat(set.at("/spec/volumeClaimTemplates/0/metadata/annotations").path(StorageTiers.HOLDS_DATA).asText()).isEqualTo("true");
        assertThat(set.at("/spec/volumeClaimTemplates/0/spec/storageClassName").asText()).isEqualTo("fast-ssd");
        assertThat(set.at("/spec/volumeClaimTemplates/0/spec/resources/requests/storage").asText()).isEqualTo("10Gi");
    }

    @Test
    void clientsFindItByTheGuidesServiceNamesAndItsPodByTheHeadlessOne() {
        ObjectNode set = build(StoreStatefulSet.Props.builder("kv", "shop", 7000, CONTAINER));
        assertThat(object(chart, "Service", "kv-headless").at("/spec/clusterIP").asText()).isEqualTo("None");
        assertThat(set.at("/spec/serviceName").asText()).isEqualTo("kv-headless");
        ObjectNode client = object(chart, "Service", StoreStatefulSet.serviceName("kv"));
        assertThat(client.at("/spec/ports/0/port").asInt()).isEqualTo(7000);
        assertThat(client.at("/spec/ports/0/name").asText()).isEqualTo("kv");
        assertThat(client.at("/spec/selector")).isEqualTo(set.at("/spec/selector/matchLabels"));
        // The guides' kubectl get pods -l app=postgres
        assertThat(set.at("/spec/template/metadata/labels/app").asText()).isEqualTo("kv");
    }

    @Test
    void itsPodIsHardenedOutOfTheMeshWithItsOwnAccountAndNoToken() {
        JsonNode pod = build(StoreStatefulSet.Props.builder("kv", "shop", 7000, CONTAINER).runAs(4242)).at("/spec/template");
        assertThat(pod.at("/metadata/labels").path(MeshSidecar.INJECT).asText()).isEqualTo("false");
        assertThat(pod.at("/spec/serviceAccountName").asText()).isEqualTo("kv");
        assertThat(pod.at("/spec/automountServiceAccountToken").asBoolean()).isFalse();
        assertThat(pod.at("/spec/securityContext/runAsUser").asInt()).isEqualTo(4242);
        assertThat(pod.at("/spec/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        assertThat(pod.at("/spec/terminationGracePeriodSeconds").asInt()).isEqualTo(60);
        assertThat(object(chart, "ServiceAccount", "kv").path("automountServiceAccountToken").asBoolean()).isFalse();
    }

    @Test
    void componentSizeTierAndVolumesAreOptions() {
        ObjectNode set = build(StoreStatefulSet.Props.builder("kv", "shop", 7000, CONTAINER).component("cache").size("3Gi")
                .tier(StorageTier.STANDARD_SSD).volumes(List.of(HardenedPod.memoryScratch("tmp"))));
        assertThat(set.at("/metadata/labels/app.kubernetes.io~1component").asText()).isEqualTo("cache");
        assertThat(set.at("/spec/volumeClaimTemplates/0/spec/resources/requests/storage").asText()).isEqualTo("3Gi");
        assertThat(set.at("/spec/volumeClaimTemplates/0/spec/storageClassName").asText()).isEqualTo(StorageTier.STANDARD_SSD.className());
        assertThat(set.at("/spec/template/spec/volumes/0/name").asText()).isEqualTo("tmp");
    }

    @Test
    void aSizeThatIsNotAQuantityAndABadPortAreBothReported() {
        new StoreStatefulSet(chart, "kv", StoreStatefulSet.Props.builder("kv", "shop", 70000, CONTAINER).size("20GB").build());
        assertThat(errors(chart)).containsExactly(
                "[test/kv] store 'kv': volume size '20GB' is not a whole number of Mi, Gi or Ti; write e.g. 20Gi",
                "[test/kv] store 'kv': port 70000 is outside 1-65535");
    }

    /** The VPA only recommends, between the floor and the container's limits. */
    @Test
    void recommendationsAddAVpaBetweenTheFloorAndTheLimits() {
        build(StoreStatefulSet.Props.builder("kv", "shop", 7000, CONTAINER));
        assertThat(Testing.ofKind(chart, "VerticalPodAutoscaler")).isEmpty();
        Chart with = Testing.chart();
        new StoreStatefulSet(with, "kv", StoreStatefulSet.Props.builder("kv", "shop", 7000, CONTAINER)
                .recommendations(new dev.voiceplane.stack.ResourceBudget("100m", "128Mi", "200m", "256Mi"),
                        new dev.voiceplane.stack.ResourceBudget("250m", "512Mi", "1", "2Gi")).build());
        JsonNode vpa = object(with, "VerticalPodAutoscaler", "kv-vpa");
        assertThat(vpa.at("/spec/targetRef/kind").asText()).isEqualTo("StatefulSet");
        assertThat(vpa.at("/spec/updatePolicy/updateMode").asText()).isEqualTo("Off");
        JsonNode policy = vpa.at("/spec/resourcePolicy/containerPolicies/0");
        assertThat(policy.at("/minAllowed/memory").asText()).isEqualTo("128Mi");
        assertThat(policy.at("/maxAllowed/cpu").asText()).isEqualTo("1");
        assertThat(policy.at("/maxAllowed/memory").asText()).isEqualTo("2Gi");
    }
}
