package dev.voiceplane.charts;

import dev.voiceplane.stack.ResourceBudget;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

    /** What a recommendation can be for. */
    public enum Kind {
        DEPLOYMENT("Deployment"), STATEFUL_SET("StatefulSet");

        private final String kind;

        Kind(String kind) {
            this.kind = kind;
        }

        /** The target's {@code kind}. */
        public String kind() {
            return kind;
        }
    }

    /** One workload's recommendations. Required: its kind, name and container. */
    public static final class Props {
        private final Kind kind;
        private final String name;
        private final String container;
        private final Optional<String> namespace;
        private final Map<String, String> labels;
        private final ResourceBudget floor;
        private final ResourceBudget resources;

        private Props(Builder b) {
            kind = b.kind;
            name = b.name;
            container = b.container;
            namespace = Optional.ofNullable(b.namespace);
            labels = Map.copyOf(b.labels);
            floor = b.floor;
            resources = b.resources;
        }

        /**
         * @param kind      the target's kind
         * @param name      the target's name; the VPA is {@code <name>-vpa}
         * @param container the container recommended for
         */
        public static Builder builder(Kind kind, String name, String container) {
            return new Builder(kind, name, container);
        }

        public Kind kind() {
            return kind;
        }

        public String name() {
            return name;
        }

        public String container() {
            return container;
        }

        public Optional<String> namespace() {
            return namespace;
        }

        public Map<String, String> labels() {
            return labels;
        }

        public ResourceBudget floor() {
            return floor;
        }

        public ResourceBudget resources() {
            return resources;
        }

        public static final class Builder {
            private final Kind kind;
            private final String name;
            private final String container;
            private String namespace;
            private Map<String, String> labels = Map.of();
            private ResourceBudget floor = PodAutoscaling.SERVICE_FLOOR;
            private ResourceBudget resources = ResourceBudget.GUIDE_APP_POD;

            private Builder(Kind kind, String name, String container) {
                this.kind = Objects.requireNonNull(kind, "kind");
                this.name = Objects.requireNonNull(name, "name");
                this.container = Objects.requireNonNull(container, "container");
            }

            /** Default: none, so the chart's (the target must be in the same namespace). */
            public Builder namespace(String namespace) {
                this.namespace = Objects.requireNonNull(namespace, "namespace");
                return this;
            }

            /** Default none. */
            public Builder labels(Map<String, String> labels) {
                this.labels = Objects.requireNonNull(labels, "labels");
                return this;
            }

            /**
             * The least a recommendation may go to (what the process needs to start). Default: a JVM
             * service's ({@code 100m}/{@code 256Mi}).
             */
            public Builder floor(ResourceBudget floor) {
                this.floor = Objects.requireNonNull(floor, "floor");
                return this;
            }

            /** The container's budget: recommendations stay within its limits. Default {@link ResourceBudget#GUIDE_APP_POD}. */
            public Builder resources(ResourceBudget resources) {
                this.resources = Objects.requireNonNull(resources, "resources");
                return this;
            }

            public Props build() {
                return new Props(this);
            }
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
                props.namespace().orElse(null), props.labels(), Map.of("spec", Map.of(
                        "targetRef", Map.of("apiVersion", "apps/v1", "kind", props.kind().kind(), "name", props.name()),
                        "updatePolicy", Map.of("updateMode", "Off"),
                        "resourcePolicy", Map.of("containerPolicies", List.of(policy)))));
    }
}
