package dev.voiceplane.charts;

import dev.voiceplane.stack.Replicas;
import dev.voiceplane.stack.ResourceBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cdk8s.plus33.k8s.CrossVersionObjectReferenceV2;
import org.cdk8s.plus33.k8s.HorizontalPodAutoscalerBehaviorV2;
import org.cdk8s.plus33.k8s.HorizontalPodAutoscalerSpecV2;
import org.cdk8s.plus33.k8s.HpaScalingPolicyV2;
import org.cdk8s.plus33.k8s.HpaScalingRulesV2;
import org.cdk8s.plus33.k8s.KubeHorizontalPodAutoscalerV2;
import org.cdk8s.plus33.k8s.KubeHorizontalPodAutoscalerV2Props;
import org.cdk8s.plus33.k8s.MetricIdentifierV2;
import org.cdk8s.plus33.k8s.MetricSpecV2;
import org.cdk8s.plus33.k8s.MetricTargetV2;
import org.cdk8s.plus33.k8s.ObjectMeta;
import org.cdk8s.plus33.k8s.PodsMetricSourceV2;
import org.cdk8s.plus33.k8s.ResourceMetricSourceV2;
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
        private final String target;
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
            name = b.name != null ? b.name : b.target;
            namespace = Optional.ofNullable(b.namespace);
            container = b.container != null ? b.container : name;
            labels = Map.copyOf(b.labels);
            targets = b.targets;
            resources = b.resources;
        }

        /**
         * @param target   the name of the Deployment scaled; it must state no replica count of its own
         * @param replicas HPA bounds; they must leave room to scale (max > min)
         */
        public static Builder builder(String target, Replicas replicas) {
            return new Builder(target, replicas);
        }

        public String target() {
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
            private final String target;
            private final Replicas replicas;
            private String name;
            private String namespace;
            private String container;
            private Map<String, String> labels = Map.of();
            private ScalingTargets targets = ScalingTargets.API;
            private ResourceBudget resources = ResourceBudget.GUIDE_APP_POD;

            private Builder(String target, Replicas replicas) {
                this.target = Objects.requireNonNull(target, "target");
                this.replicas = Objects.requireNonNull(replicas, "replicas");
            }

            /** Objects are {@code <name>-hpa} and {@code <name>-vpa}. Default: the Deployment's name. */
            public Builder name(String name) {
                this.name = Objects.requireNonNull(name, "name");
                return this;
            }

            /** Default none: the chart's. */
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
        List<MetricSpecV2> metrics = new ArrayList<>();
        metrics.add(utilization("cpu", t.cpuPercent()));
        if (t.memoryPercent() > 0) {
            metrics.add(utilization("memory", t.memoryPercent()));
        }
        if (t.podMetric() != null) {
            metrics.add(MetricSpecV2.builder().type("Pods").pods(PodsMetricSourceV2.builder()
                    .metric(MetricIdentifierV2.builder().name(t.podMetric().name()).build())
                    .target(MetricTargetV2.builder().type("AverageValue").averageValue(JsiiValues.quantity(t.podMetric().averageValue())).build())
                    .build()).build());
        }
        // The L1 type, built as one value: cdk8s-plus's HorizontalPodAutoscaler needs its own Deployment as the
        // target (a Microservice's is L1), and its metrics and rules were jsii round trips each. What it wrote by
        // default is written here: scale-up as fast as 4 pods or 200 % a minute, the larger of the two.
        ObjectMeta.Builder meta = ObjectMeta.builder().name(props.name() + "-hpa").labels(props.labels());
        props.namespace().ifPresent(meta::namespace);
        new KubeHorizontalPodAutoscalerV2(this, "hpa", KubeHorizontalPodAutoscalerV2Props.builder()
                .metadata(meta.build())
                .spec(HorizontalPodAutoscalerSpecV2.builder()
                        .scaleTargetRef(CrossVersionObjectReferenceV2.builder().apiVersion("apps/v1").kind("Deployment").name(props.target()).build())
                        .minReplicas(props.replicas().min())
                        .maxReplicas(props.replicas().max())
                        .metrics(metrics)
                        .behavior(HorizontalPodAutoscalerBehaviorV2.builder()
                                .scaleUp(HpaScalingRulesV2.builder().selectPolicy("Max").stabilizationWindowSeconds(0)
                                        .policies(List.of(policy("Pods", 4, 60), policy("Percent", 200, 60))).build())
                                // Scale down one pod every two minutes after five quiet minutes: a pod leaving ends its
                                // WebSocket calls and drops warm caches, so shrinking is gentle while growing stays fast.
                                .scaleDown(HpaScalingRulesV2.builder().selectPolicy("Max").stabilizationWindowSeconds(300)
                                        .policies(List.of(policy("Pods", 1, 120))).build())
                                .build())
                        .build())
                .build());

        ResourceRecommendations.Props.Builder vpa = ResourceRecommendations.Props.builder(ResourceRecommendations.Kind.DEPLOYMENT,
                props.name(), props.container()).labels(props.labels()).floor(SERVICE_FLOOR).resources(props.resources());
        props.namespace().ifPresent(vpa::namespace);
        new ResourceRecommendations(this, "recommendations", vpa.build());
    }

    private static MetricSpecV2 utilization(String resource, int percent) {
        return MetricSpecV2.builder().type("Resource").resource(ResourceMetricSourceV2.builder().name(resource)
                .target(MetricTargetV2.builder().type("Utilization").averageUtilization(percent).build()).build()).build();
    }

    private static HpaScalingPolicyV2 policy(String type, int value, int periodSeconds) {
        return HpaScalingPolicyV2.builder().type(type).value(value).periodSeconds(periodSeconds).build();
    }
}
