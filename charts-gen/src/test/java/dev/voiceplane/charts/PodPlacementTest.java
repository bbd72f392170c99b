package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.testing.Testing;
import java.util.Map;
import org.cdk8s.Chart;
import org.cdk8s.plus33.k8s.Container;
import org.cdk8s.plus33.k8s.DeploymentSpec;
import org.cdk8s.plus33.k8s.KubeDeployment;
import org.cdk8s.plus33.k8s.LabelSelector;
import org.cdk8s.plus33.k8s.ObjectMeta;
import org.junit.jupiter.api.Test;

/** Placement rules on one hand-made Deployment. */
class PodPlacementTest {
    private static final Map<String, String> PODS = Map.of("app.kubernetes.io/name", "web");

    private static JsonNode placedPod() {
        Chart chart = Testing.chart();
        KubeDeployment web = KubeDeployment.Builder.create(chart, "web")
                .metadata(ObjectMeta.builder().name("web").build())
                .spec(DeploymentSpec.builder().selector(LabelSelector.builder().matchLabels(PODS).build())
                        .template(HardenedPod.builder("web", 1000, Container.builder().name("web").image("web:1").build()).labels(PODS).build())
                        .build())
                .build();
        PodPlacement.spread(web, PODS);
        return object(chart, "Deployment", "web").at("/spec/template/spec");
    }

    @Test
    void podsOfOneWorkloadPreferDifferentNodesWithoutRequiringIt() {
        JsonNode pod = placedPod();
        JsonNode term = pod.at("/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/0");
        assertThat(term.at("/podAffinityTerm/topologyKey").asText()).isEqualTo(PodPlacement.HOSTNAME);
        assertThat(term.at("/podAffinityTerm/labelSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("web");
        assertThat(pod.at("/affinity/podAntiAffinity").has("requiredDuringSchedulingIgnoredDuringExecution")).isFalse();
    }

    @Test
    void podsSpreadAcrossZonesWithoutBlockingScheduling() {
        JsonNode spread = placedPod().at("/topologySpreadConstraints/0");
        assertThat(spread.path("topologyKey").asText()).isEqualTo(PodPlacement.ZONE);
        assertThat(spread.path("maxSkew").asInt()).isEqualTo(1);
        assertThat(spread.path("whenUnsatisfiable").asText()).isEqualTo("ScheduleAnyway");
        assertThat(spread.at("/labelSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("web");
    }
}
