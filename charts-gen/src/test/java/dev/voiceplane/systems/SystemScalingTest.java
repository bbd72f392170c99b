package dev.voiceplane.systems;

import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.charts.Component;
import dev.voiceplane.charts.ScalingTargets;
import dev.voiceplane.stack.Replicas;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.stack.StackConfigParser;
import dev.voiceplane.synth.Synthesizer;
import dev.voiceplane.testing.Testing;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the systems scale their services: the stack's bounds and the guides' targets reach each HPA.
 * What an HPA looks like for given props is {@code PodAutoscalingTest}'s.
 */
class SystemScalingTest {

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
    void apiServicesScaleBetweenTheStacksBoundsOnTheGuidesTargetsAndRequestRate() {
        Replicas bounds = Testing.stack("ai-ninja-production").replicas();
        ObjectNode hpa = object("ai-ninja-production", "HorizontalPodAutoscaler", "user-management-hpa");
        assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(bounds.min());
        assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(bounds.max());
        assertThat(metric(hpa, "Resource", "cpu").at("/resource/target/averageUtilization").asInt()).isEqualTo(70);
        assertThat(metric(hpa, "Resource", "memory").at("/resource/target/averageUtilization").asInt()).isEqualTo(80);
        assertThat(metric(hpa, "Pods", ScalingTargets.REQUESTS_PER_SECOND).at("/pods/target/averageValue").asInt())
                .isEqualTo(100);
    }

    /** Admission refuses calls beyond MAX_CONCURRENT_CALLS per pod: another pod comes at 80 % of it. */
    @Test
    void theRealtimeProcessorScalesOnOpenCallsBelowItsAdmissionLimit() {
        for (String stack : List.of("ai-ninja-production", "ai-ninja-staging")) {
            int admitted = Integer.parseInt(Testing.stack(stack).appSettings().get(Env.MAX_CONCURRENT_CALLS));
            ObjectNode hpa = object(stack, "HorizontalPodAutoscaler", "realtime-processor-hpa");
            assertThat(metric(hpa, "Pods", ScalingTargets.ACTIVE_CALLS).at("/pods/target/averageValue").asInt()).as(stack)
                    .isEqualTo(admitted * 80 / 100);
        }
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

    /** BharatVoice guide: "Worker scaling ... targetCPUUtilization: 75%" between the worker's own bounds. */
    @Test
    void theWorkerScalesBetweenItsOwnBoundsOnCpuAlone() {
        StackConfig stack = Testing.stack("bharatvoice-production");
        ObjectNode hpa = object("bharatvoice-production", "HorizontalPodAutoscaler", "bharatvoice-worker-hpa");
        assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(stack.workerReplicas().min());
        assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(stack.workerReplicas().max());
        assertThat(hpa.at("/spec/metrics")).hasSize(1);
        assertThat(metric(hpa, "Resource", "cpu").at("/resource/target/averageUtilization").asInt()).isEqualTo(75);
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
    }

    @Test
    void aSingleReplicaStackHasNoAutoscalersAndNoBudgets() {
        assertThat(Testing.stack("local").replicas().scales()).isFalse();
        assertThat(ofKind("local", "HorizontalPodAutoscaler")).isEmpty();
        assertThat(ofKind("local", "VerticalPodAutoscaler")).isEmpty();
        assertThat(ofKind("local", "PodDisruptionBudget")).isEmpty();
    }

    /** bharatvoice-staging runs one to three workers: one may go at a time, so a single pod still drains. */
    @Test
    void aServiceThatMayScaleToTwoGetsABudgetEvenWhenItRunsOne() {
        assertThat(Testing.stack("bharatvoice-staging").workerReplicas().min()).isEqualTo(1);
        assertThat(ofKind("bharatvoice-staging", "PodDisruptionBudget")).extracting(o -> o.at("/metadata/name").asText())
                .contains("bharatvoice-worker-pdb", "bharatvoice-app-pdb");
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
