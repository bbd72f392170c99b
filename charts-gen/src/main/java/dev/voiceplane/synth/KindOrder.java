package dev.voiceplane.synth;

import java.util.List;

/**
 * The order kinds are written and applied in: definitions and namespaces first, then what
 * workloads read (accounts, config, storage), then workloads, then what points at workloads.
 * The same order Helm uses for installs (https://helm.sh/docs/intro/using_helm/).
 */
public final class KindOrder {
    private static final List<String> ORDER = List.of(
            "CustomResourceDefinition", "Namespace", "ResourceQuota", "LimitRange", "PriorityClass",
            "StorageClass", "PersistentVolume", "PersistentVolumeClaim",
            "ClusterIssuer", "Issuer", "SecretStore", "ClusterSecretStore", "ExternalSecret",
            "PeerAuthentication", "ServiceAccount", "Secret", "ConfigMap",
            "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "NetworkPolicy",
            "Service", "DaemonSet", "StatefulSet", "Deployment", "Job", "CronJob",
            "HorizontalPodAutoscaler", "VerticalPodAutoscaler", "PodDisruptionBudget",
            "DestinationRule", "Certificate", "IngressClass", "Ingress", "ServiceMonitor", "PodMonitor", "PrometheusRule");

    private KindOrder() {
    }

    /** Position of a kind; kinds not listed go last. */
    public static int rank(String kind) {
        int i = ORDER.indexOf(kind);
        return i < 0 ? ORDER.size() : i;
    }
}
