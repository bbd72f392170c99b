package dev.voiceplane.charts;

import java.util.Map;
import java.util.Objects;
import software.constructs.Construct;

/**
 * The ai-ninja guide's "mTLS for all communication", enforced: a namespace-wide Istio PeerAuthentication
 * in mode STRICT, so the namespace's sidecars refuse every plaintext connection. Without it Istio runs
 * PERMISSIVE: sidecars talk mTLS to each other (auto mTLS) but still accept plain text from anyone
 * (https://istio.io/latest/docs/concepts/security/#peer-authentication,
 * https://istio.io/latest/docs/tasks/security/authentication/mtls-migration/).
 *
 * <p>STRICT also refuses the two clients that run outside the namespace's mesh and dial the services'
 * own ports; each is moved to a path that works under it:
 * <ul>
 *   <li>ingress-nginx gets a sidecar of its own that only handles its outbound traffic
 *       ({@link IngressControllerSettings#helmValues(boolean)}), and each Ingress routes to its Service
 *       rather than to pod addresses, with the Service's host name ({@link IngressGateway});</li>
 *   <li>Prometheus scrapes the agent's merged metrics on {@value MeshSidecar#MERGED_METRICS_PORT}, which the
 *       sidecar does not capture ({@link MeshSidecar}, the monitoring chart's ServiceMonitors).</li>
 * </ul>
 * Pods without a sidecar in the namespace (Prometheus, Grafana, the stores) are not affected: a
 * PeerAuthentication only configures sidecars. validate's {@code mesh-mtls-strict} rule checks both halves.
 */
public final class StrictMutualTls extends Construct {
    /** Istio's security API; its CRDs come with the istio-base chart. */
    public static final String API_VERSION = "security.istio.io/v1";
    /** A namespace-wide policy (no selector) is named "default" by Istio convention. */
    public static final String NAME = "default";

    public StrictMutualTls(Construct scope, String id, String namespace) {
        super(scope, id);
        CustomResource.create(this, "peer-authentication", API_VERSION, "PeerAuthentication", NAME,
                Objects.requireNonNull(namespace, "namespace"), Labels.ofWorkload("mutual-tls", "mesh"),
                Map.of("spec", Map.of("mtls", Map.of("mode", "STRICT"))));
    }
}
