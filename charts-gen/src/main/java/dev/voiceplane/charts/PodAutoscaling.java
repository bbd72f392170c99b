package dev.voiceplane.charts;

import dev.voiceplane.stack.Replicas;
import dev.voiceplane.stack.ResourceBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.plus33.Deployment;
import org.cdk8s.plus33.HorizontalPodAutoscaler;
import org.cdk8s.plus33.Metric;
import org.cdk8s.plus33.MetricOptions;
import org.cdk8s.plus33.ScalingPolicy;
import org.cdk8s.plus33.ScalingRules;
import software.constructs.Construct;

/**
 * A Deployment's autoscalers: a HorizontalPodAutoscaler (autoscaling/v2) between the stack's replica
 * bounds on CPU, memory and a per-pod metric, and {@link ResourceRecommendations} (a VPA that only
 * recommends, so it never fights the HPA). The HPA owns the replica count: the Deployment states none, or every apply
 * would reset what the HPA scaled to
 * (https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling).
 */
public final class PodAutoscaling extends Construct {
    /** The least a recommendation may go to: below this a JVM service does not start (the local stack runs at it). */
    static final ResourceBudget SERVICE_FLOOR = new ResourceBudget("100m", "256Mi", "100m", "256Mi");

    /** The autoscalers of one Deployment. Required: the Deployment and its replica bounds. */
    public static final class Props {
        private final Deployment target;
        private final Replicas replicas;
        private final String name;
        private final Optional<String> namespace;
        private final String container;
        private final Map<String, String> labels;
        private final ScalingTargets targets;
        private final ResourceBudget resources;

        private Props(Builder b) {
            target = b.target;
            replicas = b.replicas;
            // Defaults: named after the Deployment, whose container has its name (as a Microservice's has).
            name = b.name != null ? b.name : b.target.getName();
            namespace = Optional.ofNullable(b.namespace != null ? b.namespace : b.target.getMetadata().getNamespace());
            container = b.container != null ? b.container : name;
            labels = Map.copyOf(b.labels);
            targets = b.targets;
            resources = b.resources;
        }

        /**
         * @param target   the Deployment scaled; it must state no replica count of its own
         * @param replicas HPA bounds; they must leave room to scale (max > min)
         */
        public static Builder builder(Deployment target, Replicas replicas) {
            return new Builder(target, replicas);
        }

        public Deployment target() {
            return target;
        }

        public Replicas replicas() {
            return replicas;
        }

        public String name() {
            return name;
        }

        public Optional<String> namespace() {
            return namespace;
        }

        public String container() {
            return container;
        }

        public Map<String, String> labels() {
            return labels;
        }

        public ScalingTargets targets() {
            return targets;
        }

        public ResourceBudget resources() {
            return resources;
        }

        List<String> problems() {
            if (replicas.scales()) {
                return List.of();
            }
            return List.of("'" + name + "': an autoscaler needs max > min replicas, got min=" + replicas.min() + " max="
                    + replicas.max() + "; raise max, or fix the replica count on the Deployment and add no autoscaler");
        }

        public static final class Builder {
            private final Deployment target;
            private final Replicas replicas;
            private String name;
            private String namespace;
            private String container;
            private Map<String, String> labels = Map.of();
            private ScalingTargets targets = ScalingTargets.API;
            private ResourceBudget resources = ResourceBudget.GUIDE_APP_POD;

            private Builder(Deployment target, Replicas replicas) {
                this.target = Objects.requireNonNull(target, "target");
                this.replicas = Objects.requireNonNull(replicas, "replicas");
            }

            /** Objects are {@code <name>-hpa} and {@code <name>-vpa}. Default: the Deployment's name. */
            public Builder name(String name) {
                this.name = Objects.requireNonNull(name, "name");
                return this;
            }

            /** Default: the Deployment's. */
            public Builder namespace(String namespace) {
                this.namespace = Objects.requireNonNull(namespace, "namespace");
                return this;
            }

            /** The container the VPA recommends for. Default: {@link #name}. */
            public Builder container(String container) {
                this.container = Objects.requireNonNull(container, "container");
                return this;
            }

            /** Labels of both autoscalers. Default none. */
            public Builder labels(Map<String, String> labels) {
                this.labels = Objects.requireNonNull(labels, "labels");
                return this;
            }

            /** What the HPA holds. Default {@link ScalingTargets#API}: 70 % CPU, 80 % memory, no per-pod metric. */
            public Builder targets(ScalingTargets targets) {
                this.targets = Objects.requireNonNull(targets, "targets");
                return this;
            }

            /** The pod's budget: the VPA recommends no more than its limits. Default {@link ResourceBudget#GUIDE_APP_POD}. */
            public Builder resources(ResourceBudget resources) {
                this.resources = Objects.requireNonNull(resources, "resources");
                return this;
            }

            public Props build() {
                return new Props(this);
            }
        }
    }

    public PodAutoscaling(Construct scope, String id, Props props) {
        super(scope, id);
        Problems.report(this, props.problems());
        ScalingTargets t = props.targets();
        List<Metric> metrics = new ArrayList<>();
        metrics.add(Metric.resourceCpu(JsiiValues.averageUtilization(t.cpuPercent())));
        if (t.memoryPercent() > 0) {
            metrics.add(Metric.resourceMemory(JsiiValues.averageUtilization(t.memoryPercent())));
        }
        if (t.podMetric() != null) {
            metrics.add(Metric.pods(MetricOptions.builder().name(t.podMetric().name())
                    .target(JsiiValues.averageValue(t.podMetric().averageValue())).build()));
        }
        HorizontalPodAutoscaler.Builder.create(this, "hpa")
                .metadata(metadata(props.name() + "-hpa", props))
                .target(props.target())
                .minReplicas(props.replicas().min())
                .maxReplicas(props.replicas().max())
                .metrics(metrics)
                // Scale down one pod every two minutes after five quiet minutes: a pod leaving ends its
                // WebSocket calls and drops warm caches, so shrinking is gentle while growing stays fast.
                .scaleDown(ScalingRules.builder()
                        .stabilizationWindow(JsiiValues.minutes(5))
                        .policies(List.of(ScalingPolicy.builder()
                                .replicas(JsiiValues.absoluteReplicas(1)).duration(JsiiValues.minutes(2)).build()))
                        .build())
                .build();

        ResourceRecommendations.Props.Builder vpa = ResourceRecommendations.Props.builder(ResourceRecommendations.Kind.DEPLOYMENT,
                props.name(), props.container()).labels(props.labels()).floor(SERVICE_FLOOR).resources(props.resources());
        props.namespace().ifPresent(vpa::namespace);
        new ResourceRecommendations(this, "recommendations", vpa.build());
    }

    private static ApiObjectMetadata metadata(String name, Props props) {
        ApiObjectMetadata.Builder meta = ApiObjectMetadata.builder().name(name).labels(props.labels());
        props.namespace().ifPresent(meta::namespace);
        return meta.build();
    }
}
