package dev.voiceplane.charts;

import java.util.Map;
import java.util.Objects;
import org.cdk8s.plus33.k8s.KubePodDisruptionBudget;
import org.cdk8s.plus33.k8s.LabelSelector;
import org.cdk8s.plus33.k8s.ObjectMeta;
import org.cdk8s.plus33.k8s.PodDisruptionBudgetSpec;
import software.constructs.Construct;

/**
 * A PodDisruptionBudget keeping a replicated workload serving while nodes are drained (guides:
 * "Minimum availability during cluster maintenance"). One pod at a time may be evicted: with three
 * or more pods the rest keep serving, and unlike a fixed {@code minAvailable} the budget stays
 * right when the HPA scales. A workload fixed at one replica gets no budget, since any budget would
 * either block node drains forever or promise nothing.
 */
public final class DisruptionBudget extends Construct {
    /** Pods that may be evicted at once. */
    static final int MAX_UNAVAILABLE = 1;

    public DisruptionBudget(Construct scope, String id, String name, String namespace, Map<String, String> selector,
                            Map<String, String> labels) {
        super(scope, id);
        Objects.requireNonNull(name, "name");
        KubePodDisruptionBudget.Builder.create(this, "pdb")
                .metadata(ObjectMeta.builder().name(name + "-pdb").namespace(namespace).labels(labels).build())
                .spec(PodDisruptionBudgetSpec.builder()
                        .maxUnavailable(JsiiValues.intOrString(MAX_UNAVAILABLE))
                        .selector(LabelSelector.builder().matchLabels(selector).build())
                        // A crash-looping pod must not block a drain: it serves nothing anyway
                        // (https://kubernetes.io/docs/tasks/run-application/configure-pdb/#unhealthy-pod-eviction-policy).
                        .unhealthyPodEvictionPolicy("AlwaysAllow")
                        .build())
                .build();
    }

    /**
     * Whether a workload that may run this many pods gets a budget: one that can scale to two or more
     * does, since one pod at a time may go even when it runs a single one (so drains never block).
     */
    public static boolean applies(int maxReplicas) {
        return maxReplicas >= 2;
    }
}
