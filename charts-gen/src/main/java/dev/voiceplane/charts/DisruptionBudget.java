package dev.voiceplane.charts;

import java.util.List;
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

    /** One workload's budget. Required: the name, namespace and pod selector. */
    public static final class Props {
        private final String name;
        private final String namespace;
        private final Map<String, String> selector;
        private final Map<String, String> labels;

        private Props(Builder b) {
            name = b.name;
            namespace = b.namespace;
            selector = Map.copyOf(b.selector);
            labels = Map.copyOf(b.labels != null ? b.labels : b.selector);
        }

        /**
         * @param name      the workload's name; the budget is {@code <name>-pdb}
         * @param namespace the workload's namespace
         * @param selector  labels selecting the workload's pods
         */
        public static Builder builder(String name, String namespace, Map<String, String> selector) {
            return new Builder(name, namespace, selector);
        }

        public String name() {
            return name;
        }

        public String namespace() {
            return namespace;
        }

        public Map<String, String> selector() {
            return selector;
        }

        public Map<String, String> labels() {
            return labels;
        }

        public static final class Builder {
            private final String name;
            private final String namespace;
            private final Map<String, String> selector;
            private Map<String, String> labels;

            private Builder(String name, String namespace, Map<String, String> selector) {
                this.name = Objects.requireNonNull(name, "name");
                this.namespace = Objects.requireNonNull(namespace, "namespace");
                this.selector = Objects.requireNonNull(selector, "selector");
            }

            /** Labels of the budget itself. Default: the selector's. */
            public Builder labels(Map<String, String> labels) {
                this.labels = Objects.requireNonNull(labels, "labels");
                return this;
            }

            public Props build() {
                return new Props(this);
            }
        }
    }

    public DisruptionBudget(Construct scope, String id, Props props) {
        super(scope, id);
        if (props.selector().isEmpty()) {
            Problems.report(this, List.of("budget '" + props.name() + "' selects no pods: an empty selector matches every pod "
                    + "of the namespace; give the workload's own labels"));
        }
        KubePodDisruptionBudget.Builder.create(this, "pdb")
                .metadata(ObjectMeta.builder().name(props.name() + "-pdb").namespace(props.namespace()).labels(props.labels()).build())
                .spec(PodDisruptionBudgetSpec.builder()
                        .maxUnavailable(JsiiValues.intOrString(MAX_UNAVAILABLE))
                        .selector(LabelSelector.builder().matchLabels(props.selector()).build())
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
