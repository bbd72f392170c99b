package dev.voiceplane.validate;

import dev.voiceplane.charts.IngressControllerSettings;
import dev.voiceplane.stack.Cloud;
import dev.voiceplane.stack.ClusterFeatures;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.stack.TlsIssuer;
import java.util.Set;

/**
 * What validate needs to know about the cluster that no object says: rules about NetworkPolicies,
 * HPA metrics, injected sidecars and managed stores depend on it.
 *
 * @param cloud                  where the cluster runs ({@link Cloud#NONE} for a laptop or unknown)
 * @param networkPolicyEnforcer  what enforces NetworkPolicies (e.g. {@code azure-npm}, {@code vpc-cni}); empty
 *                               when nothing does, and every policy is inert
 * @param customMetricsAdapter   an adapter serving {@code custom.metrics.k8s.io} is installed outside the stack
 * @param externalMetricsAdapter an adapter serving {@code external.metrics.k8s.io} is installed outside the stack
 * @param istioCni               the mesh runs the Istio CNI plugin: injected pods get {@code istio-validation}
 *                               instead of the privileged {@code istio-init}
 * @param clusterIssuers         cert-manager ClusterIssuers installed for the cluster (not by the stack's own objects)
 * @param meshedNamespaces       namespaces the objects do not create whose pods run Istio sidecars, so their
 *                               connections carry mesh certificates (a meshed ingress controller's)
 */
public record ClusterFacts(Cloud cloud, String networkPolicyEnforcer, boolean customMetricsAdapter,
                           boolean externalMetricsAdapter, boolean istioCni, Set<String> clusterIssuers, Set<String> meshedNamespaces) {

    public ClusterFacts {
        clusterIssuers = Set.copyOf(clusterIssuers);
        meshedNamespaces = Set.copyOf(meshedNamespaces);
    }

    /** Facts of a cluster where no namespace outside the objects is meshed. */
    public ClusterFacts(Cloud cloud, String networkPolicyEnforcer, boolean customMetricsAdapter,
                        boolean externalMetricsAdapter, boolean istioCni, Set<String> clusterIssuers) {
        this(cloud, networkPolicyEnforcer, customMetricsAdapter, externalMetricsAdapter, istioCni, clusterIssuers, Set.of());
    }

    /** For {@code --dir} without flags: a cluster that enforces policies, has no metrics adapter, classic Istio injection. */
    public static final ClusterFacts DEFAULTS = new ClusterFacts(Cloud.NONE, "unknown CNI (assumed to enforce)", false, false, false, Set.of());

    public boolean enforcesNetworkPolicies() {
        return !networkPolicyEnforcer.isEmpty();
    }

    /**
     * The facts of a stack's cluster, the one place they are derived: what enforces NetworkPolicies and what
     * serves custom metrics come from the stack file's {@code voiceplane:cluster} ({@link ClusterFeatures}, with
     * its per-cloud defaults); the rest follows from what the stack already has:
     * <ul>
     *   <li>no stack declares an external-metrics adapter;</li>
     *   <li>a mesh in a namespace enforcing the restricted Pod Security Standard needs the Istio CNI
     *       (https://istio.io/latest/docs/setup/additional-setup/pod-security-admission/), so an Istio stack
     *       is taken to run it;</li>
     *   <li>the ClusterIssuer the stack's {@code voiceplane:tls} names is installed for the cluster (infra's cluster component).</li>
     * </ul>
     */
    public static ClusterFacts of(StackConfig stack) {
        ClusterFeatures features = stack.clusterFeatures();
        String enforcer = features.enforcesNetworkPolicies() ? features.networkPolicies() : "";
        Set<String> issuers = stack.tls() == TlsIssuer.NONE ? Set.of() : Set.of(stack.tls().id());
        Set<String> meshed = stack.istio() ? Set.of(IngressControllerSettings.NAMESPACE) : Set.of();
        return new ClusterFacts(stack.cloud(), enforcer, features.servesCustomMetrics(), false, stack.istio(), issuers, meshed);
    }
}
