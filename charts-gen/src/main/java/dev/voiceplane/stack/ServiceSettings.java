package dev.voiceplane.stack;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One service's scale and size: its entry under {@code voiceplane:services} resolved against the
 * system-wide values, so every catalog service of the stack has one. A service without an entry gets
 * {@code voiceplane:replicas} (a worker {@code voiceplane:workerReplicas}), {@code voiceplane:podResources}
 * and the guides' HPA targets (70 % CPU and 80 % memory, a worker 75 % CPU).
 *
 * <p>An entry is written with the Helm chart's value names, so what an app team sets in
 * {@code values.yaml} ({@code services.<name>}) and what the stack file says read alike:
 * <pre>
 * voiceplane:services:
 *   realtime-processor:
 *     maxReplicas: 30
 *     resources: {requests: {cpu: 750m}, limits: {memory: 3Gi}}
 *     targetCPUUtilizationPercentage: 60
 * </pre>
 * Each key is optional and falls back on its own; {@code replicas} fixes the count (no autoscaler)
 * and excludes {@code minReplicas}/{@code maxReplicas}.
 *
 * @param replicas  fixed when {@code min == max}, else the HorizontalPodAutoscaler's bounds
 * @param resources requests and limits of the service's containers
 * @param targets   what its HPA holds where the stack says so; absent figures are the guides'
 */
public record ServiceSettings(Replicas replicas, ResourceBudget resources, Utilization targets) {
    /** Fixed replica count, as the chart's {@code services.<name>.replicas}. */
    public static final String REPLICAS = "replicas";
    public static final String MIN_REPLICAS = "minReplicas";
    public static final String MAX_REPLICAS = "maxReplicas";
    /** {@code requests} and {@code limits}, each with {@code cpu} and {@code memory}. */
    public static final String RESOURCES = "resources";
    /** The key {@code helm create}'s chart gives the HPA's CPU target. */
    public static final String TARGET_CPU = "targetCPUUtilizationPercentage";
    public static final String TARGET_MEMORY = "targetMemoryUtilizationPercentage";
    /** Every key of an entry, in the order values.yaml lists them. */
    public static final List<String> KEYS = List.of(REPLICAS, MIN_REPLICAS, MAX_REPLICAS, RESOURCES, TARGET_CPU, TARGET_MEMORY);

    /**
     * Average utilization (percent of the requests) the HPA holds, where the stack sets it.
     *
     * @param cpuPercent    1–100; empty keeps the guide's figure
     * @param memoryPercent 1–100; empty keeps the guide's figure (a worker has no memory target unless set)
     */
    public record Utilization(OptionalInt cpuPercent, OptionalInt memoryPercent) {
        /** Nothing set: the guides' targets. */
        public static final Utilization GUIDE = new Utilization(OptionalInt.empty(), OptionalInt.empty());

        public Utilization {
            Objects.requireNonNull(cpuPercent, "cpuPercent");
            Objects.requireNonNull(memoryPercent, "memoryPercent");
        }
    }

    public ServiceSettings {
        Objects.requireNonNull(replicas, "replicas");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(targets, "targets");
        if (!replicas.scales() && !targets.equals(Utilization.GUIDE)) {
            throw new IllegalArgumentException("HPA targets need an autoscaler, but replicas are fixed at " + replicas.min());
        }
    }

    /** The system-wide values alone: what a service without an entry gets. */
    public static ServiceSettings of(Replicas replicas, ResourceBudget resources) {
        return new ServiceSettings(replicas, resources, Utilization.GUIDE);
    }
}
