package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.stack.ResourceBudget;
import dev.voiceplane.testing.Testing;
import java.util.Map;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

/** One recommendation-only VPA, in a bare chart. */
class ResourceRecommendationsTest {
    private final Chart chart = Testing.chart();

    @Test
    void byDefaultItRecommendsForADeploymentBetweenAJvmServicesFloorAndTheGuidesLimitsWithoutActing() {
        new ResourceRecommendations(chart, "vpa", ResourceRecommendations.Props.builder(ResourceRecommendations.Kind.DEPLOYMENT, "web", "app").build());
        JsonNode vpa = object(chart, "VerticalPodAutoscaler", "web-vpa");
        assertThat(vpa.at("/metadata").has("namespace")).as("the chart's").isFalse();
        assertThat(vpa.at("/spec/targetRef/kind").asText()).isEqualTo("Deployment");
        assertThat(vpa.at("/spec/targetRef/name").asText()).isEqualTo("web");
        assertThat(vpa.at("/spec/updatePolicy/updateMode").asText()).isEqualTo("Off");
        JsonNode policy = vpa.at("/spec/resourcePolicy/containerPolicies/0");
        assertThat(policy.path("containerName").asText()).isEqualTo("app");
        assertThat(policy.at("/minAllowed/cpu").asText()).isEqualTo(PodAutoscaling.SERVICE_FLOOR.requestCpu());
        assertThat(policy.at("/minAllowed/memory").asText()).isEqualTo(PodAutoscaling.SERVICE_FLOOR.requestMemory());
        assertThat(policy.at("/maxAllowed/cpu").asText()).isEqualTo(ResourceBudget.GUIDE_APP_POD.limitCpu());
        assertThat(policy.at("/maxAllowed/memory").asText()).isEqualTo(ResourceBudget.GUIDE_APP_POD.limitMemory());
    }

    @Test
    void kindNamespaceLabelsFloorAndResourcesAreOptions() {
        new ResourceRecommendations(chart, "vpa", ResourceRecommendations.Props.builder(ResourceRecommendations.Kind.STATEFUL_SET, "db", "postgres")
                .namespace("shop").labels(Map.of("team", "data"))
                .floor(new ResourceBudget("50m", "96Mi", "100m", "128Mi")).resources(new ResourceBudget("250m", "512Mi", "2", "4Gi")).build());
        JsonNode vpa = object(chart, "VerticalPodAutoscaler", "db-vpa");
        assertThat(vpa.at("/metadata/namespace").asText()).isEqualTo("shop");
        assertThat(vpa.at("/metadata/labels/team").asText()).isEqualTo("data");
        assertThat(vpa.at("/spec/targetRef/kind").asText()).isEqualTo("StatefulSet");
        JsonNode policy = vpa.at("/spec/resourcePolicy/containerPolicies/0");
        assertThat(policy.at("/minAllowed/cpu").asText()).isEqualTo("50m");
        assertThat(policy.at("/minAllowed/memory").asText()).isEqualTo("96Mi");
        assertThat(policy.at("/maxAllowed/cpu").asText()).isEqualTo("2");
        assertThat(policy.at("/maxAllowed/memory").asText()).isEqualTo("4Gi");
    }
}
