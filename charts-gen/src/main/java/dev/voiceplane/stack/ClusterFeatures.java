package dev.voiceplane.stack;

import java.util.List;
import java.util.Objects;

/**
 * What the stack's cluster does beyond plain Kubernetes, as the stack file states it
 * ({@code voiceplane:cluster}): which CNI enforces NetworkPolicies, and what serves the Pods and
 * External metrics HorizontalPodAutoscalers scale on. The manifests assume both (default-deny
 * policies, HPAs on {@code active_calls}); a cluster without them ignores the policies and leaves the
 * HPAs unable to scale down, silently.
 *
 * <p>Defaults per cloud: Azure {@code cilium} (AKS with Azure CNI powered by Cilium), AWS
 * {@code vpc-cni} (EKS with the VPC CNI's network policy agent on), both with
 * {@code prometheus-adapter}; without a cloud nothing is assumed ({@code none}, {@code none}) and the
 * stack says what its laptop cluster does.
 *
 * @param networkPolicies the enforcer: one of {@link #ENFORCERS} or {@value #NONE}
 * @param customMetrics   {@value #PROMETHEUS_ADAPTER} or {@value #NONE}
 */
public record ClusterFeatures(String networkPolicies, String customMetrics) {
    public static final String NONE = "none";
    public static final String PROMETHEUS_ADAPTER = "prometheus-adapter";
    /**
     * CNIs that enforce NetworkPolicies: Cilium (AKS "Azure CNI powered by Cilium"), the Amazon VPC CNI
     * with its network policy agent (https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy.html),
     * Calico, kube-router (k3s and k3d, https://docs.k3s.io/networking/networking-services), kindnet
     * (kind 0.24 and later, https://github.com/kubernetes-sigs/kind/releases/tag/v0.24.0).
     */
    public static final List<String> ENFORCERS = List.of("cilium", "vpc-cni", "calico", "kube-router", "kindnet");
    public static final List<String> METRICS_SERVERS = List.of(PROMETHEUS_ADAPTER);

    public ClusterFeatures {
        Objects.requireNonNull(networkPolicies, "networkPolicies");
        Objects.requireNonNull(customMetrics, "customMetrics");
    }

    /** What a stack on {@code cloud} gets when it says nothing. */
    public static ClusterFeatures defaultFor(Cloud cloud) {
        return switch (cloud) {
            case AZURE -> new ClusterFeatures("cilium", PROMETHEUS_ADAPTER);
            case AWS -> new ClusterFeatures("vpc-cni", PROMETHEUS_ADAPTER);
            case NONE -> new ClusterFeatures(NONE, NONE);
        };
    }

    /** Whether the cluster enforces NetworkPolicies at all. */
    public boolean enforcesNetworkPolicies() {
        return !networkPolicies.equals(NONE);
    }

    /** Whether something serves custom (Pods) metrics to HPAs. */
    public boolean servesCustomMetrics() {
        return !customMetrics.equals(NONE);
    }
}
