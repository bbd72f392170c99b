package dev.voiceplane.cli.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * Fewer pods to serve with: a workload's replica count or an autoscaler's minimum lowered. (An HPA
 * owns a workload's replicas once it exists; the minimum is then what a quiet hour falls to.)
 */
final class CapacityReduction {
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "ReplicaSet");

    private CapacityReduction() {
    }

    static List<Risk> of(JsonNode before, JsonNode after) {
        if (before == null || after == null) {
            return List.of();
        }
        String kind = after.path("kind").asText();
        String field = WORKLOADS.contains(kind) ? "/spec/replicas" : "HorizontalPodAutoscaler".equals(kind) ? "/spec/minReplicas" : null;
        if (field == null) {
            return List.of();
        }
        // An absent count means 1 for both (https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/deployment-v1/).
        int from = before.at(field).asInt(1);
        int to = after.at(field).asInt(1);
        if (to >= from) {
            return List.of();
        }
        return List.of(new Risk(RiskClass.CAPACITY_REDUCED, field.substring(field.lastIndexOf('/') + 1) + " from " + from + " to " + to));
    }
}
