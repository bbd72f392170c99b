package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Replicated workloads survive node drains and zone loss: a PodDisruptionBudget that still lets a
 * drain proceed, and replicas spread over nodes and zones (kube-score deployment/statefulset-has-
 * poddisruptionbudget and -host-podantiaffinity; kube-linter no-anti-affinity; Polaris
 * missingPodDisruptionBudget, pdbDisruptionsIsZero, pdbMinAvailableGreaterThanOrEqualToHPAMinReplicas,
 * topologySpreadConstraint), and HPAs that target something and own the replica count
 * (kube-score horizontalpodautoscaler-has-target, deployment-targeted-by-hpa-does-not-have-replicas-configured).
 */
final class Availability {
    private static final String PDB_DOC = "https://kubernetes.io/docs/concepts/workloads/pods/disruptions/";

    static final RuleSpec PDB = RuleSpec.of("pdb", Severity.ERROR, Layer.OBJECT_POLICY,
            "replicated Deployments and StatefulSets have a PodDisruptionBudget", "add a PodDisruptionBudget selecting the pods", PDB_DOC)
            .decidedBy("voiceplane:replicas");
    static final RuleSpec PDB_ALLOWS = RuleSpec.of("pdb-allows-disruption", Severity.ERROR, Layer.OBJECT_POLICY,
            "a PodDisruptionBudget lets at least one pod go at minimum scale (else node drains hang)",
            "set maxUnavailable: 1, or minAvailable below the minimum replicas", PDB_DOC).decidedBy("voiceplane:replicas");
    static final RuleSpec SPREAD = RuleSpec.of("topology-spread", Severity.WARNING, Layer.OBJECT_POLICY,
            "replicated workloads spread their pods over zones with topologySpreadConstraints",
            "add a topologySpreadConstraint on topology.kubernetes.io/zone selecting the pods",
            "https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/");
    static final RuleSpec HOST_SPREAD = RuleSpec.of("host-anti-affinity", Severity.WARNING, Layer.OBJECT_POLICY,
            "replicated workloads keep their pods on different nodes",
            "add podAntiAffinity or a topologySpreadConstraint on kubernetes.io/hostname selecting the pods",
            "https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity");
    static final RuleSpec HPA_TARGET = RuleSpec.of("hpa-target", Severity.ERROR, Layer.OBJECT_POLICY,
            "every HorizontalPodAutoscaler targets a workload that exists, which leaves spec.replicas to it",
            "point scaleTargetRef at the workload and remove the workload's spec.replicas",
            "https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling");

    private Availability() {
    }

    static List<Rule> rules() {
        return List.of(
                Rules.of(PDB, (m, f) -> {
                    for (PodTemplate pod : m.declaredPods()) {
                        if (isScaled(pod) && Scale.of(m, pod.owner()).replicated() && budgets(m, pod).isEmpty()) {
                            f.add(pod.owner(), "", pod.describe() + " runs up to " + Scale.of(m, pod.owner()).max()
                                    + " pods and no PodDisruptionBudget selects them");
                        }
                    }
                }),
                Rules.of(PDB_ALLOWS, (m, f) -> {
                    for (PodTemplate pod : m.declaredPods()) {
                        if (!isScaled(pod)) {
                            continue;
                        }
                        int min = Scale.of(m, pod.owner()).min();
                        for (Source pdb : budgets(m, pod)) {
                            JsonNode minAvailable = pdb.at("/spec/minAvailable");
                            JsonNode maxUnavailable = pdb.at("/spec/maxUnavailable");
                            if (maxUnavailable.isIntegralNumber() && maxUnavailable.asInt() == 0 || maxUnavailable.asText().equals("0%")) {
                                f.add(pdb, "/spec/maxUnavailable", "maxUnavailable 0 blocks every voluntary eviction of " + pod.describe());
                            } else if (minAvailable.isIntegralNumber() && minAvailable.asInt() >= min || minAvailable.asText().equals("100%")) {
                                f.add(pdb, "/spec/minAvailable", "minAvailable " + minAvailable.asText() + " with " + min + " pod(s) at minimum scale of "
                                        + pod.describe() + " blocks every node drain");
                            }
                        }
                    }
                }),
                Rules.of(SPREAD, (m, f) -> replicated(m).forEach(pod -> {
                    if (!spreads(pod, "topology.kubernetes.io/zone")) {
                        f.add(pod.owner(), pod.specPath("/topologySpreadConstraints"), pod.describe() + " has no zone topologySpreadConstraint for its "
                                + Scale.of(m, pod.owner()).max() + " pods");
                    }
                })),
                Rules.of(HOST_SPREAD, (m, f) -> replicated(m).forEach(pod -> {
                    if (!spreads(pod, "kubernetes.io/hostname") && !antiAffine(pod)) {
                        f.add(pod.owner(), pod.specPath("/affinity"), pod.describe() + " may put all its pods on one node");
                    }
                })),
                Rules.of(HPA_TARGET, (m, f) -> {
                    for (Source hpa : m.ofKind("HorizontalPodAutoscaler")) {
                        String kind = hpa.at("/spec/scaleTargetRef/kind").asText();
                        String name = hpa.at("/spec/scaleTargetRef/name").asText();
                        var target = m.find(kind, hpa.namespace(), name);
                        if (target.isEmpty()) {
                            f.add(hpa, "/spec/scaleTargetRef", "targets " + kind + "/" + name + ", which is not among the objects");
                        } else if (target.get().at("/spec/replicas").isNumber()) {
                            f.add(target.get(), "/spec/replicas", target.get().ref().id() + " sets spec.replicas although "
                                    + hpa.ref().id() + " scales it: every apply resets the scale");
                        }
                    }
                }));
    }

    private static boolean isScaled(PodTemplate pod) {
        return pod.owner().kind().equals("Deployment") || pod.owner().kind().equals("StatefulSet");
    }

    private static List<PodTemplate> replicated(Model m) {
        return m.declaredPods().stream().filter(p -> isScaled(p) && Scale.of(m, p.owner()).replicated()).toList();
    }

    static List<Source> budgets(Model m, PodTemplate pod) {
        return m.ofKind("PodDisruptionBudget").stream()
                .filter(p -> p.namespace().equals(pod.namespace()) && p.at("/spec/selector").isObject()
                        && Selectors.selects(p.at("/spec/selector"), pod.labels()))
                .toList();
    }

    private static boolean spreads(PodTemplate pod, String topologyKey) {
        for (JsonNode c : pod.spec().path("topologySpreadConstraints")) {
            if (c.path("topologyKey").asText().equals(topologyKey) && Selectors.selects(c.path("labelSelector"), pod.labels())) {
                return true;
            }
        }
        return false;
    }

    private static boolean antiAffine(PodTemplate pod) {
        JsonNode anti = pod.spec().at("/affinity/podAntiAffinity");
        for (JsonNode term : anti.path("requiredDuringSchedulingIgnoredDuringExecution")) {
            if (hostTerm(term, pod.labels())) {
                return true;
            }
        }
        for (JsonNode weighted : anti.path("preferredDuringSchedulingIgnoredDuringExecution")) {
            if (hostTerm(weighted.path("podAffinityTerm"), pod.labels())) {
                return true;
            }
        }
        return false;
    }

    private static boolean hostTerm(JsonNode term, Map<String, String> labels) {
        return term.path("topologyKey").asText().equals("kubernetes.io/hostname") && Selectors.selects(term.path("labelSelector"), labels);
    }
}
