package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.stack.StackConfigParser;
import dev.voiceplane.synth.Synthesizer;
import dev.voiceplane.testing.Testing;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodAutoscalingTest {

    private static JsonNode metric(ObjectNode hpa, String type, String name) {
        for (JsonNode m : hpa.at("/spec/metrics")) {
            if (m.path("type").asText().equals(type)
                    && (m.at("/resource/name").asText().equals(name) || m.at("/pods/metric/name").asText().equals(name))) {
                return m;
            }
        }
        throw new AssertionError("no " + type + " metric " + name + " in " + hpa.at("/spec/metrics"));
    }

    @Test
    void apiServicesScaleBetweenTheStackBoundsAtSeventyPercentCpuAndEightyPercentMemory() {
        ObjectNode hpa = object("ai-ninja-production", "HorizontalPodAutoscaler", "user-management-hpa");
        assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(3);
        assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(20);
        assertThat(metric(hpa, "Resource", "cpu").at("/resource/target/averageUtilization").asInt()).isEqualTo(70);
        assertThat(metric(hpa, "Resource", "memory").at("/resource/target/averageUtilization").asInt()).isEqualTo(80);
        assertThat(metric(hpa, "Pods", ScalingTargets.REQUESTS_PER_SECOND).at("/pods/target/averageValue").asInt())
                .isEqualTo(ScalingTargets.REQUESTS_PER_POD);
        assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo("user-management");
    }

    @Test
    void theRealtimeProcessorAlsoScalesOnOpenCallsBelowItsAdmissionLimit() {
        ObjectNode hpa = object("ai-ninja-production", "HorizontalPodAutoscaler", "realtime-processor-hpa");
        assertThat(metric(hpa, "Pods", ScalingTargets.ACTIVE_CALLS).at("/pods/target/averageValue").asInt()).isEqualTo(800);
        // Staging admits 200 calls per pod (voiceplane:config), so it scales at 160.
        ObjectNode staging = object("ai-ninja-staging", "HorizontalPodAutoscaler", "realtime-processor-hpa");
        assertThat(metric(staging, "Pods", ScalingTargets.ACTIVE_CALLS).at("/pods/target/averageValue").asInt()).isEqualTo(160);
    }

    /** An HPA whose metric errors never scales down: without an adapter, scale on resource metrics only. */
    @Test
    void aClusterWithoutACustomMetricsServerGetsHpasOnCpuAndMemoryOnly() {
        String stack = """
                config:
                  voiceplane:system: ai-ninja
                  voiceplane:replicas: {min: 1, max: 3}
                  voiceplane:cluster: {networkPolicies: kindnet, customMetrics: none}
                """;
        List<ObjectNode> hpas = Synthesizer.synth(StackConfigParser.parse("stacks/Pulumi.test.yaml", "test", stack)).stream()
                .flatMap(m -> m.objects().stream()).filter(o -> o.path("kind").asText().equals("HorizontalPodAutoscaler")).toList();
        assertThat(hpas).hasSize(6);
        for (ObjectNode hpa : hpas) {
            List<String> types = new ArrayList<>();
            hpa.at("/spec/metrics").forEach(m -> types.add(m.path("type").asText()));
            assertThat(types).as(hpa.at("/metadata/name").asText()).containsOnly("Resource");
        }
    }

    @Test
    void theWorkerScalesFromTwoToTenOnCpuAlone() {
        ObjectNode hpa = object("bharatvoice-production", "HorizontalPodAutoscaler", "bharatvoice-worker-hpa");
        assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(2);
        assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(10);
        assertThat(hpa.at("/spec/metrics")).hasSize(1);
        assertThat(metric(hpa, "Resource", "cpu").at("/resource/target/averageUtilization").asInt()).isEqualTo(75);
        assertThat(object("bharatvoice-production", "HorizontalPodAutoscaler", "bharatvoice-app-hpa").at("/spec/maxReplicas").asInt())
                .isEqualTo(20);
    }

    @Test
    void whereAnHpaExistsTheDeploymentLeavesReplicasToIt() {
        for (String stack : Testing.stacks().names()) {
            List<String> scaled = new ArrayList<>();
            ofKind(stack, "HorizontalPodAutoscaler").forEach(h -> scaled.add(h.at("/spec/scaleTargetRef/name").asText()));
            for (ObjectNode d : ofKind(stack, "Deployment")) {
                String name = d.at("/metadata/name").asText();
                assertThat(d.at("/spec").has("replicas")).as("%s/%s states replicas", stack, name).isEqualTo(!scaled.contains(name));
            }
        }
        assertThat(object("local", "Deployment", "user-management").at("/spec/replicas").asInt()).isEqualTo(1);
    }

    @Test
    void aSingleReplicaStackHasNoAutoscalers() {
        assertThat(ofKind("local", "HorizontalPodAutoscaler")).isEmpty();
        assertThat(ofKind("local", "VerticalPodAutoscaler")).isEmpty();
    }

    @Test
    void theVpaOnlyRecommendsWithinBoundaries() {
        ObjectNode vpa = object("bharatvoice-production", "VerticalPodAutoscaler", "bharatvoice-app-vpa");
        assertThat(vpa.at("/spec/updatePolicy/updateMode").asText()).isEqualTo("Off");
        JsonNode policy = vpa.at("/spec/resourcePolicy/containerPolicies/0");
        assertThat(policy.path("containerName").asText()).isEqualTo("bharatvoice-app");
        assertThat(policy.at("/minAllowed/cpu").asText()).isEqualTo(PodAutoscaling.SERVICE_FLOOR.requestCpu());
        assertThat(policy.at("/maxAllowed/cpu").asText()).isEqualTo("1000m");
        assertThat(policy.at("/maxAllowed/memory").asText()).isEqualTo("2Gi");
        assertThat(vpa.at("/spec/targetRef/kind").asText()).isEqualTo("Deployment");
    }

    @Test
    void scalingDownRemovesOnePodAtATime() {
        JsonNode down = object("ai-ninja-production", "HorizontalPodAutoscaler", "realtime-processor-hpa").at("/spec/behavior/scaleDown");
        assertThat(down.at("/policies/0/value").asInt()).isEqualTo(1);
        assertThat(down.at("/policies/0/type").asText()).isEqualTo("Pods");
        assertThat(down.path("stabilizationWindowSeconds").asInt()).isEqualTo(300);
    }

    @Test
    void autoscalingObjectsGoToTheAutoscalingFile() {
        Testing.synth("ai-ninja-production").forEach(m -> m.objects().forEach(o -> {
            String kind = o.path("kind").asText();
            if (List.of("HorizontalPodAutoscaler", "VerticalPodAutoscaler", "PodDisruptionBudget").contains(kind)) {
                assertThat(m.component()).as(kind).isEqualTo(Component.AUTOSCALING);
            }
        }));
    }

    @Test
    void everyPodMetricAnHpaUsesHasAnAdapterRule() throws Exception {
        String rules = ScalingTargets.adapterRules();
        for (String stack : Testing.stacks().names()) {
            for (ObjectNode hpa : ofKind(stack, "HorizontalPodAutoscaler")) {
                for (JsonNode m : hpa.at("/spec/metrics")) {
                    if (m.path("type").asText().equals("Pods")) {
                        assertThat(rules).contains("as: \"" + m.at("/pods/metric/name").asText() + "\"");
                    }
                }
            }
        }
        // Valid YAML with two rules.
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(rules).path("rules").size()).isEqualTo(2);
    }
}
