package dev.voiceplane.validate;

import java.util.Optional;

/**
 * How many pods a workload runs: its {@code spec.replicas}, or the bounds of the HorizontalPodAutoscaler
 * that targets it (which then owns the replica count).
 *
 * @param min the fewest pods (HPA minReplicas, else replicas; 1 when unset)
 * @param max the most pods (HPA maxReplicas, else replicas)
 * @param hpa the autoscaler, if one targets the workload
 */
record Scale(int min, int max, Optional<Source> hpa) {

    static Scale of(Model model, Source workload) {
        Optional<Source> hpa = model.ofKind("HorizontalPodAutoscaler").stream()
                .filter(h -> h.namespace().equals(workload.namespace())
                        && h.at("/spec/scaleTargetRef/kind").asText().equals(workload.kind())
                        && h.at("/spec/scaleTargetRef/name").asText().equals(workload.name()))
                .findFirst();
        if (hpa.isPresent()) {
            int min = hpa.get().at("/spec/minReplicas").asInt(1);
            return new Scale(min, Math.max(min, hpa.get().at("/spec/maxReplicas").asInt(min)), hpa);
        }
        int replicas = workload.at("/spec/replicas").asInt(1);
        return new Scale(replicas, replicas, Optional.empty());
    }

    /** Whether the workload ever runs more than one pod, so disruptions and placement matter. */
    boolean replicated() {
        return max > 1;
    }
}
