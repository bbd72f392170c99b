package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A default-deny NetworkPolicy only where the cluster enforces NetworkPolicies. Without an enforcing
 * network plugin they are accepted and ignored (https://kubernetes.io/docs/concepts/services-networking/network-policies/#prerequisites);
 * on EKS the VPC CNI enforces them only with its network policy agent on
 * (https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy.html). A zero-trust design that
 * nothing enforces is worse than none: it reads as isolated.
 */
final class PolicyEnforcement {
    static final RuleSpec SPEC = RuleSpec.of("network-policy-enforced", Severity.ERROR, Layer.CROSS_OBJECT,
            "default-deny NetworkPolicies only on a cluster whose network plugin enforces them",
            "turn on the cluster's policy enforcement (EKS: the VPC CNI network policy agent) and declare it in the stack's cluster section",
            "https://kubernetes.io/docs/concepts/services-networking/network-policies/#prerequisites").decidedBy("voiceplane:cluster");

    private PolicyEnforcement() {
    }

    static Rule rule() {
        return Rules.of(SPEC, (m, f) -> {
            if (m.facts().enforcesNetworkPolicies()) {
                return;
            }
            for (Source p : m.ofKind("NetworkPolicy")) {
                JsonNode selector = p.at("/spec/podSelector");
                boolean everyPod = selector.isMissingNode() || selector.isEmpty();
                boolean denies = Traffic.types(p).stream().anyMatch(t -> !p.at("/spec/" + t.toLowerCase(java.util.Locale.ROOT)).isArray()
                        || p.at("/spec/" + t.toLowerCase(java.util.Locale.ROOT)).isEmpty());
                if (everyPod && denies) {
                    f.add(p, "/spec", "is a default-deny, but nothing on this cluster (" + m.facts().cloud().id()
                            + ") enforces NetworkPolicies: every pod stays reachable");
                }
            }
        });
    }
}
