package dev.voiceplane.charts;

import java.util.List;
import java.util.Map;
import org.cdk8s.ApiObject;
import org.cdk8s.JsonPatch;

/**
 * Where a workload's pods land: spread over nodes (preferred pod anti-affinity per hostname, ai-ninja
 * guide: "Anti-Affinity: Pod distribution across nodes") and across availability zones (topology
 * spread, "Multi-Zone Deployment"). Both are soft, so a single-node laptop cluster or a zone outage
 * still schedules every pod rather than leaving some pending.
 */
public final class PodPlacement {
    public static final String HOSTNAME = "kubernetes.io/hostname";
    public static final String ZONE = "topology.kubernetes.io/zone";

    private PodPlacement() {
    }

    /** Adds the placement rules to the pod template of a Deployment or StatefulSet. */
    public static void spread(ApiObject workload, Map<String, String> selector) {
        Map<String, Object> matchSelector = Map.of("matchLabels", selector);
        workload.addJsonPatch(
                JsonPatch.add("/spec/template/spec/affinity", Map.of("podAntiAffinity", Map.of(
                        "preferredDuringSchedulingIgnoredDuringExecution", List.of(Map.of(
                                "weight", 100,
                                "podAffinityTerm", Map.of("labelSelector", matchSelector, "topologyKey", HOSTNAME)))))),
                JsonPatch.add("/spec/template/spec/topologySpreadConstraints", List.of(Map.of(
                        "maxSkew", 1,
                        "topologyKey", ZONE,
                        "whenUnsatisfiable", "ScheduleAnyway",
                        "labelSelector", matchSelector))));
    }
}
