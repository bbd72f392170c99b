package dev.voiceplane.charts;

import java.util.List;
import java.util.Map;
import org.cdk8s.ApiObject;
import org.cdk8s.JsonPatch;
import org.cdk8s.plus33.k8s.Affinity;
import org.cdk8s.plus33.k8s.LabelSelector;
import org.cdk8s.plus33.k8s.PodAffinityTerm;
import org.cdk8s.plus33.k8s.PodAntiAffinity;
import org.cdk8s.plus33.k8s.TopologySpreadConstraint;
import org.cdk8s.plus33.k8s.WeightedPodAffinityTerm;

/**
 * Where a workload's pods land: spread over nodes (preferred pod anti-affinity per hostname, ai-ninja
 * guide: "Anti-Affinity: Pod distribution across nodes") and across availability zones (topology
 * spread, "Multi-Zone Deployment"). Both are soft, so a single-node laptop cluster or a zone outage
 * still schedules every pod rather than leaving some pending.
 */
public final class PodPlacement {
    public static final String HOSTNAME = "kubernetes.io/hostname";
    public static final String ZONE = "topology.kubernetes.io/zone";
    private static final int WEIGHT = 100;
    private static final int MAX_SKEW = 1;
    private static final String WHEN_UNSATISFIABLE = "ScheduleAnyway";

    private PodPlacement() {
    }

    /** The node half, for a pod spec built in the L1 types: pods of one workload prefer different nodes. */
    public static Affinity nodeSpread(Map<String, String> selector) {
        return Affinity.builder().podAntiAffinity(PodAntiAffinity.builder().preferredDuringSchedulingIgnoredDuringExecution(List.of(
                WeightedPodAffinityTerm.builder().weight(WEIGHT).podAffinityTerm(PodAffinityTerm.builder()
                        .labelSelector(LabelSelector.builder().matchLabels(selector).build()).topologyKey(HOSTNAME).build()).build())).build())
                .build();
    }

    /** The zone half, for a pod spec built in the L1 types: pods of one workload spread over zones, softly. */
    public static TopologySpreadConstraint zoneSpread(Map<String, String> selector) {
        return TopologySpreadConstraint.builder().maxSkew(MAX_SKEW).topologyKey(ZONE).whenUnsatisfiable(WHEN_UNSATISFIABLE)
                .labelSelector(LabelSelector.builder().matchLabels(selector).build()).build();
    }

    /** The same rules as {@link #nodeSpread} and {@link #zoneSpread}, patched into the pod template of a Deployment or StatefulSet. */
    public static void spread(ApiObject workload, Map<String, String> selector) {
        Map<String, Object> matchSelector = Map.of("matchLabels", selector);
        workload.addJsonPatch(
                JsonPatch.add("/spec/template/spec/affinity", Map.of("podAntiAffinity", Map.of(
                        "preferredDuringSchedulingIgnoredDuringExecution", List.of(Map.of(
                                "weight", WEIGHT,
                                "podAffinityTerm", Map.of("labelSelector", matchSelector, "topologyKey", HOSTNAME)))))),
                JsonPatch.add("/spec/template/spec/topologySpreadConstraints", List.of(Map.of(
                        "maxSkew", MAX_SKEW,
                        "topologyKey", ZONE,
                        "whenUnsatisfiable", WHEN_UNSATISFIABLE,
                        "labelSelector", matchSelector))));
    }
}
