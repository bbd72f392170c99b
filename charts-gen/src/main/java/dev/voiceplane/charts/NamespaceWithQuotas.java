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
 * switched on by label when the stack asks for a mesh, with mutual TLS made STRICT ({@link StrictMutualTls}).
 * The two go together only with Istio's CNI node agent: classic injection adds an init container with
 * NET_ADMIN, which {@code restricted} refuses.
 */
public final class NamespaceWithQuotas extends Construct {

    /** One namespace. Required: its name. */
    public static final class Props {
        private final String name;
        private final NamespaceQuota quota;
        private final boolean istio;

        private Props(Builder b) {
            name = b.name;
            quota = b.quota;
            istio = b.istio;
        }

        /** @param name the namespace */
        public static Builder builder(String name) {
            return new Builder(name);
        }

        public String name() {
            return name;
        }

        public NamespaceQuota quota() {
            return quota;
        }

        public boolean istio() {
            return istio;
        }

        public static final class Builder {
            private final String name;
            private NamespaceQuota quota = NamespaceQuota.GUIDE;
            private boolean istio;

            private Builder(String name) {
                this.name = Objects.requireNonNull(name, "name");
            }

            /** The quota and container defaults. Default {@link NamespaceQuota#GUIDE}: the guide's figures. */
            public Builder quota(NamespaceQuota quota) {
                this.quota = Objects.requireNonNull(quota, "quota");
                return this;
            }

            /** Whether to label the namespace for Istio sidecar injection, with STRICT mutual TLS. Default false. */
            public Builder istio(boolean istio) {
                this.istio = istio;
                return this;
            }

            public Props build() {
                return new Props(this);
            }
        }
    }

    public NamespaceWithQuotas(Construct scope, String id, Props props) {
        super(scope, id);
        NamespaceQuota q = props.quota();

        Map<String, String> labels = new java.util.TreeMap<>();
        labels.put("pod-security.kubernetes.io/enforce", "restricted");
        labels.put("pod-security.kubernetes.io/enforce-version", "latest");
        labels.put("istio-injection", props.istio() ? "enabled" : "disabled");
        labels.put("kubernetes.io/metadata.name", props.name());
        KubeNamespace.Builder.create(this, "namespace").metadata(ObjectMeta.builder().name(props.name()).labels(labels).build()).build();
        if (props.istio()) {
            new StrictMutualTls(this, "mutual-tls", props.name());
        }

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
