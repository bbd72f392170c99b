package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.objects;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.testing.Testing;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The namespace quota holds what the stack runs: a quota smaller than the pods at their minimum
 * scale would leave pods uncreated at the first deploy, silently.
 */
class NamespaceCapacityTest {

    @Test
    void everyStackFitsItsQuotaAtMinimumScale() {
        for (String stack : Testing.stacks().names()) {
            Usage min = usage(stack, false);
            JsonNode hard = ofKind(stack, "ResourceQuota").get(0).at("/spec/hard");
            assertThat(min.requestCpu).as("%s CPU requests at minimum scale", stack).isLessThanOrEqualTo(cpu(hard.path("requests.cpu").asText()));
            assertThat(min.requestMemory).as("%s memory requests", stack).isLessThanOrEqualTo(memory(hard.path("requests.memory").asText()));
            assertThat(min.limitCpu).as("%s CPU limits", stack).isLessThanOrEqualTo(cpu(hard.path("limits.cpu").asText()));
            assertThat(min.limitMemory).as("%s memory limits", stack).isLessThanOrEqualTo(memory(hard.path("limits.memory").asText()));
        }
    }

    @Test
    void aiNinjaStacksCanReachTheirMaximumScale() {
        for (String stack : new String[] {"ai-ninja-staging", "ai-ninja-production"}) {
            Usage max = usage(stack, true);
            JsonNode hard = ofKind(stack, "ResourceQuota").get(0).at("/spec/hard");
            assertThat(max.requestCpu).as(stack).isLessThanOrEqualTo(cpu(hard.path("requests.cpu").asText()));
            assertThat(max.requestMemory).as(stack).isLessThanOrEqualTo(memory(hard.path("requests.memory").asText()));
            assertThat(max.limitCpu).as(stack).isLessThanOrEqualTo(cpu(hard.path("limits.cpu").asText()));
            assertThat(max.limitMemory).as(stack).isLessThanOrEqualTo(memory(hard.path("limits.memory").asText()));
        }
    }

    /**
     * BharatVoice keeps its guide's quota (8 CPU / 16Gi requested), which holds the minimum scale but
     * not the guide's own maximum of 20 app and 10 worker pods at 500m: the quota, not the HPA, is
     * the real ceiling there. Stated here so a change to either is a conscious one.
     */
    @Test
    void bharatVoiceProductionKeepsTheGuidesQuotaWhichCapsScalingBelowTheHpaMaximum() {
        Usage max = usage("bharatvoice-production", true);
        JsonNode hard = ofKind("bharatvoice-production", "ResourceQuota").get(0).at("/spec/hard");
        assertThat(hard.path("requests.cpu").asText()).isEqualTo("8");
        assertThat(max.requestCpu).isGreaterThan(cpu(hard.path("requests.cpu").asText()));
    }

    private static final class Usage {
        BigDecimal requestCpu = BigDecimal.ZERO;
        BigDecimal requestMemory = BigDecimal.ZERO;
        BigDecimal limitCpu = BigDecimal.ZERO;
        BigDecimal limitMemory = BigDecimal.ZERO;
    }

    /** Requests and limits of every pod in the namespace, at the HPAs' minimum or maximum. */
    private static Usage usage(String stack, boolean atMax) {
        String namespace = Testing.stack(stack).namespace();
        Map<String, Integer> scaled = new HashMap<>();
        ofKind(stack, "HorizontalPodAutoscaler").forEach(h -> scaled.put(h.at("/spec/scaleTargetRef/name").asText(),
                h.at(atMax ? "/spec/maxReplicas" : "/spec/minReplicas").asInt()));
        Usage u = new Usage();
        for (ObjectNode o : objects(stack)) {
            String kind = o.path("kind").asText();
            if (!o.at("/metadata/namespace").asText().equals(namespace)) {
                continue;
            }
            JsonNode pod;
            int replicas;
            switch (kind) {
                case "Deployment", "StatefulSet" -> {
                    pod = o.at("/spec/template/spec");
                    replicas = scaled.getOrDefault(o.at("/metadata/name").asText(), o.at("/spec/replicas").asInt(1));
                }
                case "CronJob" -> {
                    pod = o.at("/spec/jobTemplate/spec/template/spec");
                    replicas = 1;
                }
                default -> {
                    continue;
                }
            }
            for (JsonNode c : pod.path("containers")) {
                BigDecimal n = BigDecimal.valueOf(replicas);
                u.requestCpu = u.requestCpu.add(cpu(c.at("/resources/requests/cpu").asText("500m")).multiply(n));
                u.requestMemory = u.requestMemory.add(memory(c.at("/resources/requests/memory").asText("1Gi")).multiply(n));
                u.limitCpu = u.limitCpu.add(cpu(c.at("/resources/limits/cpu").asText("1")).multiply(n));
                u.limitMemory = u.limitMemory.add(memory(c.at("/resources/limits/memory").asText("2Gi")).multiply(n));
            }
        }
        return u;
    }

    private static BigDecimal cpu(String q) {
        return q.endsWith("m") ? new BigDecimal(q.substring(0, q.length() - 1)).movePointLeft(3) : new BigDecimal(q);
    }

    /** In MiB. */
    private static BigDecimal memory(String q) {
        if (q.endsWith("Gi")) {
            return new BigDecimal(q.substring(0, q.length() - 2)).multiply(BigDecimal.valueOf(1024));
        }
        if (q.endsWith("Mi")) {
            return new BigDecimal(q.substring(0, q.length() - 2));
        }
        throw new IllegalArgumentException("memory quantity " + q);
    }
}
