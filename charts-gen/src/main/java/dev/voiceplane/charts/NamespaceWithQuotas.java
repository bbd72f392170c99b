package dev.voiceplane.charts;

import dev.voiceplane.stack.NamespaceQuota;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cdk8s.plus33.k8s.KubeLimitRange;
import org.cdk8s.plus33.k8s.KubeNamespace;
import org.cdk8s.plus33.k8s.KubeResourceQuota;
import org.cdk8s.plus33.k8s.LimitRangeItem;
import org.cdk8s.plus33.k8s.LimitRangeSpec;
import org.cdk8s.plus33.k8s.ObjectMeta;
import org.cdk8s.plus33.k8s.ResourceQuotaSpec;
import software.constructs.Construct;

/**
 * A namespace with the guides' guard rails: a ResourceQuota capping what the namespace may
 * request and use, and a LimitRange giving every container that states nothing a sane default
 * (so no pod runs unbounded). Pod Security Standards are enforced at the {@code restricted} level
 * (https://kubernetes.io/docs/concepts/security/pod-security-standards/), and Istio injection is
 * switched on by label when the stack asks for a mesh. The two go together only with Istio's CNI node
 * agent: classic injection adds an init container with NET_ADMIN, which {@code restricted} refuses.
 */
public final class NamespaceWithQuotas extends Construct {

    /**
     * @param name  the namespace
     * @param quota the quota and container defaults
     * @param istio whether to label the namespace for Istio sidecar injection
     */
    public record Props(String name, NamespaceQuota quota, boolean istio) {
        public Props {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(quota, "quota");
        }
    }

    /** validate's waiver of its mesh-mtls-strict rule (see {@link #MESH_MTLS_REASON}). */
    static final String MESH_MTLS_WAIVER = "voiceplane.dev/allowed-because.mesh-mtls-strict";
    /**
     * Why a meshed namespace has no STRICT PeerAuthentication yet. Istio's default (PERMISSIVE with auto
     * mTLS) already encrypts every connection between two sidecars; STRICT would also refuse the plaintext
     * connections of the two clients outside the mesh, ingress-nginx and Prometheus, which scrape and route
     * to the services' own ports (https://istio.io/latest/docs/concepts/security/#peer-authentication).
     * STRICT needs those two meshed or scraping through Istio's merged metrics port first.
     */
    static final String MESH_MTLS_REASON = "sidecar-to-sidecar traffic is already mTLS (Istio's auto mTLS); STRICT would refuse "
            + "ingress-nginx and Prometheus, which run outside the mesh, until they are meshed or scrape through port 15020";

    public NamespaceWithQuotas(Construct scope, String id, Props props) {
        super(scope, id);
        NamespaceQuota q = props.quota();

        Map<String, String> labels = new java.util.TreeMap<>();
        labels.put("pod-security.kubernetes.io/enforce", "restricted");
        labels.put("pod-security.kubernetes.io/enforce-version", "latest");
        labels.put("istio-injection", props.istio() ? "enabled" : "disabled");
        labels.put("kubernetes.io/metadata.name", props.name());
        ObjectMeta.Builder meta = ObjectMeta.builder().name(props.name()).labels(labels);
        if (props.istio()) {
            meta.annotations(Map.of(MESH_MTLS_WAIVER, MESH_MTLS_REASON));
        }
        KubeNamespace.Builder.create(this, "namespace").metadata(meta.build()).build();

        KubeResourceQuota.Builder.create(this, "quota")
                .metadata(ObjectMeta.builder().name(props.name() + "-quota").namespace(props.name()).build())
                .spec(ResourceQuotaSpec.builder().hard(Map.of(
                        "requests.cpu", JsiiValues.quantity(q.requestsCpu()),
                        "requests.memory", JsiiValues.quantity(q.requestsMemory()),
                        "limits.cpu", JsiiValues.quantity(q.limitsCpu()),
                        "limits.memory", JsiiValues.quantity(q.limitsMemory()))).build())
                .build();

        KubeLimitRange.Builder.create(this, "limits")
                .metadata(ObjectMeta.builder().name(props.name() + "-limits").namespace(props.name()).build())
                .spec(LimitRangeSpec.builder().limits(List.of(LimitRangeItem.builder()
                        .type("Container")
                        .defaultValue(Map.of(
                                "cpu", JsiiValues.quantity(q.defaultCpu()),
                                "memory", JsiiValues.quantity(q.defaultMemory())))
                        .defaultRequest(Map.of(
                                "cpu", JsiiValues.quantity(q.defaultRequestCpu()),
                                "memory", JsiiValues.quantity(q.defaultRequestMemory())))
                        .build())).build())
                .build();
    }
}
