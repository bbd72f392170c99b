package dev.voiceplane.charts;

import dev.voiceplane.stack.ResourceBudget;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.constructs.Construct;

/**
 * A VerticalPodAutoscaler in recommendation mode for one workload (BharatVoice guide: "Recommendation
 * mode for manual adjustments", "Resource boundaries to prevent over-allocation"): it watches usage
 * and publishes requests it would set, between a floor and the workload's limits, and never evicts a
 * pod to apply them — people move them into the stack's resources.
 */
public final class ResourceRecommendations extends Construct {
    public static final String API_VERSION = "autoscaling.k8s.io/v1";

    /**
     * @param kind      the target's kind: Deployment or StatefulSet
     * @param name      the target's name; the VPA is {@code <name>-vpa}
     * @param container the container recommended for
     * @param floor     the least a recommendation may go to (what the process needs to start)
     * @param resources the container's budget; recommendations stay within its limits
     */
    public record Props(String kind, String name, String namespace, String container, Map<String, String> labels,
                        ResourceBudget floor, ResourceBudget resources) {
        public Props {
            if (!kind.equals("Deployment") && !kind.equals("StatefulSet")) {
                throw new IllegalArgumentException("recommendations are for Deployments and StatefulSets, not " + kind);
            }
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(container, "container");
            labels = Map.copyOf(labels);
            Objects.requireNonNull(floor, "floor");
            Objects.requireNonNull(resources, "resources");
        }
    }

    public ResourceRecommendations(Construct scope, String id, Props props) {
        super(scope, id);
        Map<String, Object> policy = new TreeMap<>();
        policy.put("containerName", props.container());
        policy.put("controlledResources", List.of("cpu", "memory"));
        policy.put("minAllowed", Map.of("cpu", props.floor().requestCpu(), "memory", props.floor().requestMemory()));
        // Above the limits a recommendation would not fit the quota the stack was sized for; one
        // pinned at the limit is the signal to raise the stack's resources.
        policy.put("maxAllowed", Map.of("cpu", props.resources().limitCpu(), "memory", props.resources().limitMemory()));
        CustomResource.create(this, "vpa", API_VERSION, "VerticalPodAutoscaler", props.name() + "-vpa",
                props.namespace(), props.labels(), Map.of("spec", Map.of(
                        "targetRef", Map.of("apiVersion", "apps/v1", "kind", props.kind(), "name", props.name()),
                        "updatePolicy", Map.of("updateMode", "Off"),
                        "resourcePolicy", Map.of("containerPolicies", List.of(policy)))));
    }
}
