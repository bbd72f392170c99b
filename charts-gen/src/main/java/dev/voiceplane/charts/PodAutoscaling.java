package dev.voiceplane.charts;

import dev.voiceplane.stack.Replicas;
import dev.voiceplane.stack.ResourceBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.Duration;
import org.cdk8s.plus33.Deployment;
import org.cdk8s.plus33.HorizontalPodAutoscaler;
import org.cdk8s.plus33.Metric;
import org.cdk8s.plus33.MetricOptions;
import org.cdk8s.plus33.MetricTarget;
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

    /**
     * @param name      the workload's name; objects are {@code <name>-hpa} and {@code <name>-vpa}
     * @param container the container the VPA recommends for
     * @param replicas  HPA bounds; must leave room to scale
     * @param targets   what the HPA holds
     * @param resources the pod's budget; the VPA recommends no more than its limits
     */
    public record Props(String name, String namespace, String container, Map<String, String> labels,
                        Replicas replicas, ScalingTargets targets, ResourceBudget resources) {
        public Props {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(container, "container");
            labels = Map.copyOf(labels);
            Objects.requireNonNull(targets, "targets");
            Objects.requireNonNull(resources, "resources");
            if (!replicas.scales()) {
                throw new IllegalArgumentException(name + ": an autoscaler needs max > min replicas, got " + replicas);
            }
        }
    }

    public PodAutoscaling(Construct scope, String id, Deployment target, Props props) {
        super(scope, id);
        ScalingTargets t = props.targets();
        List<Metric> metrics = new ArrayList<>();
        metrics.add(Metric.resourceCpu(MetricTarget.averageUtilization(t.cpuPercent())));
        if (t.memoryPercent() > 0) {
            metrics.add(Metric.resourceMemory(MetricTarget.averageUtilization(t.memoryPercent())));
        }
        if (t.podMetric() != null) {
            metrics.add(Metric.pods(MetricOptions.builder().name(t.podMetric().name())
                    .target(MetricTarget.averageValue(t.podMetric().averageValue())).build()));
        }
        HorizontalPodAutoscaler.Builder.create(this, "hpa")
                .metadata(ApiObjectMetadata.builder().name(props.name() + "-hpa").namespace(props.namespace()).labels(props.labels()).build())
                .target(target)
                .minReplicas(props.replicas().min())
                .maxReplicas(props.replicas().max())
                .metrics(metrics)
                // Scale down one pod every two minutes after five quiet minutes: a pod leaving ends its
                // WebSocket calls and drops warm caches, so shrinking is gentle while growing stays fast.
                .scaleDown(ScalingRules.builder()
                        .stabilizationWindow(Duration.minutes(5))
                        .policies(List.of(ScalingPolicy.builder()
                                .replicas(org.cdk8s.plus33.Replicas.absolute(1)).duration(Duration.minutes(2)).build()))
                        .build())
                .build();

        new ResourceRecommendations(this, "recommendations", new ResourceRecommendations.Props("Deployment", props.name(),
                props.namespace(), props.container(), props.labels(), SERVICE_FLOOR, props.resources()));
    }
}
