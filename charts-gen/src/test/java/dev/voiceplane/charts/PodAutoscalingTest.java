package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.errors;
import static dev.voiceplane.testing.Testing.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.stack.Replicas;
import dev.voiceplane.stack.ResourceBudget;
import dev.voiceplane.testing.Testing;
import java.util.Map;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

/** One Deployment's autoscalers in a bare chart, each option on its own. */
class PodAutoscalingTest {
    private final Chart chart = Testing.chart();

    private ObjectNode build(PodAutoscaling.Props props, String hpa) {
        new PodAutoscaling(chart, "autoscaling", props);
        return object(chart, "HorizontalPodAutoscaler", hpa);
    }

    @Test
    void byDefaultItHoldsSeventyPercentCpuAndEightyPercentMemoryOfTheDeploymentNamedAfterIt() {
        ObjectNode hpa = build(PodAutoscaling.Props.builder("web", new Replicas(2, 6)).namespace("shop").build(), "web-hpa");
        assertThat(hpa.at("/metadata/namespace").asText()).isEqualTo("shop");
        assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(2);
        assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(6);
        assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo("web");
        assertThat(hpa.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
        JsonNode metrics = hpa.at("/spec/metrics");
        assertThat(metrics).hasSize(2);
        assertThat(metrics.at("/0/resource/name").asText()).isEqualTo("cpu");
        assertThat(metrics.at("/0/resource/target/averageUtilization").asInt()).isEqualTo(70);
        assertThat(metrics.at("/1/resource/name").asText()).isEqualTo("memory");
        assertThat(metrics.at("/1/resource/target/averageUtilization").asInt()).isEqualTo(80);
        ObjectNode vpa = object(chart, "VerticalPodAutoscaler", "web-vpa");
        assertThat(vpa.at("/metadata/namespace").asText()).isEqualTo("shop");
        assertThat(vpa.at("/spec/resourcePolicy/containerPolicies/0/containerName").asText()).isEqualTo("web");
        assertThat(vpa.at("/spec/resourcePolicy/containerPolicies/0/maxAllowed/cpu").asText())
                .isEqualTo(ResourceBudget.GUIDE_APP_POD.limitCpu());
    }

    @Test
    void scalingDownRemovesOnePodAtATimeAfterFiveQuietMinutes() {
        JsonNode down = build(PodAutoscaling.Props.builder("web", new Replicas(1, 3)).build(), "web-hpa").at("/spec/behavior/scaleDown");
        assertThat(down.at("/policies/0/value").asInt()).isEqualTo(1);
        assertThat(down.at("/policies/0/type").asText()).isEqualTo("Pods");
        assertThat(down.at("/policies/0/periodSeconds").asInt()).isEqualTo(120);
        assertThat(down.path("stabilizationWindowSeconds").asInt()).isEqualTo(300);
    }

    @Test
    void targetsWithoutMemoryAndWithAPodMetricAreWhatTheHpaHolds() {
        ObjectNode hpa = build(PodAutoscaling.Props.builder("web", new Replicas(1, 3))
                .targets(new ScalingTargets(75, 0, new ScalingTargets.PodMetric(ScalingTargets.ACTIVE_CALLS, 160))).build(), "web-hpa");
        JsonNode metrics = hpa.at("/spec/metrics");
        assertThat(metrics).hasSize(2);
        assertThat(metrics.at("/0/resource/target/averageUtilization").asInt()).isEqualTo(75);
        assertThat(metrics.at("/1/type").asText()).isEqualTo("Pods");
        assertThat(metrics.at("/1/pods/metric/name").asText()).isEqualTo(ScalingTargets.ACTIVE_CALLS);
        assertThat(metrics.at("/1/pods/target/averageValue").asInt()).isEqualTo(160);
    }

    @Test
    void nameNamespaceContainerAndLabelsNameBothAutoscalers() {
        ObjectNode hpa = build(PodAutoscaling.Props.builder("web", new Replicas(1, 3)).name("front").namespace("edge")
                .container("server").labels(Map.of("tier", "front")).build(), "front-hpa");
        assertThat(hpa.at("/metadata/namespace").asText()).isEqualTo("edge");
        assertThat(hpa.at("/metadata/labels/tier").asText()).isEqualTo("front");
        ObjectNode vpa = object(chart, "VerticalPodAutoscaler", "front-vpa");
        assertThat(vpa.at("/metadata/namespace").asText()).isEqualTo("edge");
        assertThat(vpa.at("/metadata/labels/tier").asText()).isEqualTo("front");
        assertThat(vpa.at("/spec/resourcePolicy/containerPolicies/0/containerName").asText()).isEqualTo("server");
    }

    @Test
    void theVpaOnlyRecommendsBetweenTheServiceFloorAndTheLimits() {
        build(PodAutoscaling.Props.builder("web", new Replicas(1, 3))
                .resources(new ResourceBudget("250m", "512Mi", "750m", "1536Mi")).build(), "web-hpa");
        ObjectNode vpa = object(chart, "VerticalPodAutoscaler", "web-vpa");
        assertThat(vpa.at("/spec/updatePolicy/updateMode").asText()).isEqualTo("Off");
        JsonNode policy = vpa.at("/spec/resourcePolicy/containerPolicies/0");
        assertThat(policy.at("/minAllowed/cpu").asText()).isEqualTo(PodAutoscaling.SERVICE_FLOOR.requestCpu());
        assertThat(policy.at("/minAllowed/memory").asText()).isEqualTo(PodAutoscaling.SERVICE_FLOOR.requestMemory());
        assertThat(policy.at("/maxAllowed/cpu").asText()).isEqualTo("750m");
        assertThat(policy.at("/maxAllowed/memory").asText()).isEqualTo("1536Mi");
        assertThat(vpa.at("/spec/targetRef/kind").asText()).isEqualTo("Deployment");
    }

    @Test
    void boundsWithoutRoomToScaleAreRefusedWithTheFix() {
        new PodAutoscaling(chart, "autoscaling", PodAutoscaling.Props.builder("web", new Replicas(3, 3)).build());
        assertThat(errors(chart)).containsExactly("[test/autoscaling] 'web': an autoscaler needs max > min replicas, got min=3 max=3; "
                + "raise max, or fix the replica count on the Deployment and add no autoscaler");
    }
}
