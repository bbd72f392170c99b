package dev.voiceplane.charts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cdk8s.plus33.k8s.IpBlock;
import org.cdk8s.plus33.k8s.KubeNetworkPolicy;
import org.cdk8s.plus33.k8s.LabelSelector;
import org.cdk8s.plus33.k8s.NetworkPolicyEgressRule;
import org.cdk8s.plus33.k8s.NetworkPolicyIngressRule;
import org.cdk8s.plus33.k8s.NetworkPolicyPeer;
import org.cdk8s.plus33.k8s.NetworkPolicyPort;
import org.cdk8s.plus33.k8s.NetworkPolicySpec;
import org.cdk8s.plus33.k8s.ObjectMeta;
import software.constructs.Construct;

/**
 * Zero-trust networking for a namespace (ai-ninja guide: "Network policies with default deny-all",
 * "Service-to-Service: Explicit allow rules", "Database Access: Restricted"):
 * <ul>
 *   <li>{@code default-deny}: no pod sends or receives anything not allowed below;</li>
 *   <li>{@code allow-dns}: every pod may ask the cluster DNS (kube-system, UDP and TCP 53);</li>
 *   <li>one {@code <workload>-network} policy per workload holding exactly its {@link Flow}s: ingress
 *       rules where it is the destination, egress rules where it is the source. Each rule's reason is
 *       listed in the annotation {@value #REASONS}, so every open path names its declaration.</li>
 * </ul>
 * Kubernetes' L1 types are used rather than cdk8s-plus's NetworkPolicy, whose peers select by
 * construct-derived labels and which merges rules in ways that hide where each came from.
 */
public final class NetworkPolicies extends Construct {
    /** Annotation listing, one per line, each rule of a policy and the declaration behind it. */
    public static final String REASONS = "voiceplane.dev/allowed-because";
    public static final String DNS_NAMESPACE = "kube-system";
    public static final Map<String, String> DNS_PODS = Map.of("k8s-app", "kube-dns");

    /** Where istiod runs; sidecars fetch their configuration and certificates from it on 15012. */
    public static final String ISTIO_NAMESPACE = "istio-system";
    public static final int ISTIOD_XDS_PORT = 15012;

    /** The policies of one namespace. Required: the namespace and its flows. */
    public static final class Props {
        private final String namespace;
        private final List<Flow> flows;
        private final boolean mesh;

        private Props(Builder b) {
            namespace = b.namespace;
            flows = List.copyOf(b.flows);
            mesh = b.mesh;
        }

        /**
         * @param namespace the namespace whose pods the policies cover
         * @param flows     every connection its workloads make or accept; nothing else is allowed
         */
        public static Builder builder(String namespace, List<Flow> flows) {
            return new Builder(namespace, flows);
        }

        public static final class Builder {
            private final String namespace;
            private final List<Flow> flows;
            private boolean mesh;

            private Builder(String namespace, List<Flow> flows) {
                this.namespace = java.util.Objects.requireNonNull(namespace, "namespace");
                this.flows = java.util.Objects.requireNonNull(flows, "flows");
            }

            /** Whether pods carry Istio sidecars, which must reach istiod on {@value #ISTIOD_XDS_PORT}. Default false. */
            public Builder mesh(boolean mesh) {
                this.mesh = mesh;
                return this;
            }

            public Props build() {
                return new Props(this);
            }
        }
    }

    public NetworkPolicies(Construct scope, String id, Props props) {
        super(scope, id);
        String namespace = props.namespace;
        List<Flow> flows = props.flows;
        boolean mesh = props.mesh;
        KubeNetworkPolicy.Builder.create(this, "default-deny")
                .metadata(meta("default-deny", namespace, List.of("nothing: the baseline every allow below opens up")))
                .spec(NetworkPolicySpec.builder().podSelector(LabelSelector.builder().build())
                        .policyTypes(List.of("Ingress", "Egress")).build())
                .build();

        NetworkPolicyPeer dns = NetworkPolicyPeer.builder()
                .namespaceSelector(LabelSelector.builder().matchLabels(Map.of("kubernetes.io/metadata.name", DNS_NAMESPACE)).build())
                .podSelector(LabelSelector.builder().matchLabels(DNS_PODS).build()).build();
        KubeNetworkPolicy.Builder.create(this, "allow-dns")
                .metadata(meta("allow-dns", namespace, List.of("egress 53/UDP+TCP to kube-dns: every pod resolves service names")))
                .spec(NetworkPolicySpec.builder().podSelector(LabelSelector.builder().build())
                        .policyTypes(List.of("Egress"))
                        .egress(List.of(NetworkPolicyEgressRule.builder().to(List.of(dns))
                                .ports(List.of(port(53, "UDP"), port(53, "TCP"))).build()))
                        .build())
                .build();

        if (mesh) {
            NetworkPolicyPeer istiod = NetworkPolicyPeer.builder()
                    .namespaceSelector(LabelSelector.builder().matchLabels(Map.of("kubernetes.io/metadata.name", ISTIO_NAMESPACE)).build())
                    .podSelector(LabelSelector.builder().matchLabels(Map.of("app", "istiod")).build()).build();
            KubeNetworkPolicy.Builder.create(this, "allow-istiod")
                    .metadata(meta("allow-istiod", namespace, List.of("egress " + ISTIOD_XDS_PORT
                            + "/TCP to istiod: stack voiceplane:istio puts a sidecar in every pod, which needs its config and certificates")))
                    .spec(NetworkPolicySpec.builder().podSelector(LabelSelector.builder().build())
                            .policyTypes(List.of("Egress"))
                            .egress(List.of(NetworkPolicyEgressRule.builder().to(List.of(istiod))
                                    .ports(List.of(port(ISTIOD_XDS_PORT, "TCP"))).build()))
                            .build())
                    .build();
        }

        Map<String, List<Flow>> ingress = new TreeMap<>();
        Map<String, List<Flow>> egress = new TreeMap<>();
        Map<String, Map<String, String>> selectors = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Flow f : flows) {
            for (Flow.Peer p : List.of(f.from(), f.to())) {
                if (p.local()) {
                    Map<String, String> seen = selectors.putIfAbsent(p.workload(), p.selector());
                    if (seen != null && !seen.equals(p.selector())) {
                        // A policy selects its pods one way: two selectors would leave one set of pods unguarded.
                        problems.add("workload " + p.workload() + " selected two ways: " + seen + " and " + p.selector()
                                + " (" + f.reason() + "); declare its flows with one Flow.Peer");
                    }
                }
            }
            if (f.to().local()) {
                ingress.computeIfAbsent(f.to().workload(), k -> new ArrayList<>()).add(f);
            }
            if (f.from().local()) {
                egress.computeIfAbsent(f.from().workload(), k -> new ArrayList<>()).add(f);
            }
        }
        Problems.report(this, problems);
        java.util.SortedSet<String> workloads = new java.util.TreeSet<>(ingress.keySet());
        workloads.addAll(egress.keySet());
        for (String workload : workloads) {
            List<Flow> in = ingress.getOrDefault(workload, List.of());
            List<Flow> out = egress.getOrDefault(workload, List.of());
            List<String> reasons = new ArrayList<>();
            List<NetworkPolicyIngressRule> inRules = new ArrayList<>();
            for (Flow f : dedupe(in, true)) {
                inRules.add(NetworkPolicyIngressRule.builder().from(List.of(peer(f.from()))).ports(List.of(port(f.port(), f.protocol()))).build());
                reasons.add(reason(f, true));
            }
            List<NetworkPolicyEgressRule> outRules = new ArrayList<>();
            for (Flow f : dedupe(out, false)) {
                outRules.add(NetworkPolicyEgressRule.builder().to(List.of(peer(f.to()))).ports(List.of(port(f.port(), f.protocol()))).build());
                reasons.add(reason(f, false));
            }
            List<String> types = new ArrayList<>();
            NetworkPolicySpec.Builder spec = NetworkPolicySpec.builder()
                    .podSelector(LabelSelector.builder().matchLabels(new TreeMap<>(selectors.get(workload))).build());
            if (!inRules.isEmpty()) {
                types.add("Ingress");
                spec.ingress(inRules);
            }
            if (!outRules.isEmpty()) {
                types.add("Egress");
                spec.egress(outRules);
            }
            KubeNetworkPolicy.Builder.create(this, workload)
                    .metadata(meta(workload + "-network", namespace, reasons))
                    .spec(spec.policyTypes(types).build())
                    .build();
        }
    }

    /**
     * The {@value #REASONS} line of one rule: {@code ingress 3007/TCP from user-management: <reason>} in the
     * destination's policy, {@code egress 3007/TCP to conversation-analyzer: <reason>} in the source's.
     */
    public static String reason(Flow f, boolean ingress) {
        return (ingress ? "ingress " : "egress ") + f.port() + "/" + f.protocol() + (ingress ? " from " + f.from() : " to " + f.to())
                + ": " + f.reason();
    }

    /** One rule per peer and port; two declarations asking for the same path give one rule with both reasons. */
    private static List<Flow> dedupe(List<Flow> flows, boolean byFrom) {
        Map<String, Flow> unique = new LinkedHashMap<>();
        for (Flow f : flows) {
            String key = (byFrom ? f.from() : f.to()) + "|" + f.port() + "|" + f.protocol();
            Flow seen = unique.get(key);
            unique.put(key, seen == null ? f : new Flow(f.from(), f.to(), f.port(), f.protocol(), seen.reason() + "; " + f.reason()));
        }
        return new ArrayList<>(unique.values());
    }

    private static NetworkPolicyPeer peer(Flow.Peer p) {
        if (p.local()) {
            return NetworkPolicyPeer.builder()
                    .podSelector(LabelSelector.builder().matchLabels(new TreeMap<>(p.selector())).build()).build();
        }
        if (p.namespace() != null) {
            NetworkPolicyPeer.Builder b = NetworkPolicyPeer.builder().namespaceSelector(LabelSelector.builder()
                    .matchLabels(Map.of("kubernetes.io/metadata.name", p.namespace())).build());
            if (!p.podLabels().isEmpty()) {
                b.podSelector(LabelSelector.builder().matchLabels(new TreeMap<>(p.podLabels())).build());
            }
            return b.build();
        }
        IpBlock.Builder block = IpBlock.builder().cidr(p.cidr());
        if (!p.except().isEmpty()) {
            block.except(p.except());
        }
        return NetworkPolicyPeer.builder().ipBlock(block.build()).build();
    }

    private static NetworkPolicyPort port(int port, String protocol) {
        return NetworkPolicyPort.builder().port(JsiiValues.intOrString(port)).protocol(protocol).build();
    }

    private static ObjectMeta meta(String name, String namespace, List<String> reasons) {
        return ObjectMeta.builder().name(name).namespace(namespace)
                .labels(Map.of(Labels.COMPONENT, "network-policy"))
                .annotations(Map.of(REASONS, String.join("\n", reasons)))
                .build();
    }
}
