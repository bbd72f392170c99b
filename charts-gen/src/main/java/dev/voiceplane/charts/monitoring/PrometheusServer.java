package dev.voiceplane.charts.monitoring;

import dev.voiceplane.charts.CustomResource;
import dev.voiceplane.charts.JsiiValues;
import dev.voiceplane.charts.Labels;
import dev.voiceplane.charts.MeshSidecar;
import dev.voiceplane.charts.StorageTier;
import dev.voiceplane.charts.StorageTiers;
import dev.voiceplane.stack.Cloud;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.cdk8s.plus33.k8s.KubeClusterRole;
import org.cdk8s.plus33.k8s.KubeClusterRoleBinding;
import org.cdk8s.plus33.k8s.KubeRole;
import org.cdk8s.plus33.k8s.KubeRoleBinding;
import org.cdk8s.plus33.k8s.KubeService;
import org.cdk8s.plus33.k8s.KubeServiceAccount;
import org.cdk8s.plus33.k8s.ObjectMeta;
import org.cdk8s.plus33.k8s.PolicyRule;
import org.cdk8s.plus33.k8s.RoleRef;
import org.cdk8s.plus33.k8s.ServicePort;
import org.cdk8s.plus33.k8s.ServiceSpec;
import org.cdk8s.plus33.k8s.Subject;
import software.constructs.Construct;

/**
 * The system's own Prometheus, run by the Prometheus Operator from a {@code Prometheus} resource:
 * the operator is what reads ServiceMonitors and PrometheusRules in the first place, so a serious
 * setup lets it run the server too (config reloads, rule files, StatefulSet, hardening) instead of
 * a hand-written Deployment whose config would duplicate the ServiceMonitors. It selects only this
 * system's monitors and rules, and the guide's {@code prometheus-service:9090} points at it.
 *
 * <p>Besides the services it scrapes the kubelet's cAdvisor endpoint (for CPU/memory against
 * limits), keeping only this namespace's series. Its account may list scrape targets (read-only
 * discovery: its own namespace, the kubelet Service the operator keeps in kube-system,
 * kube-state-metrics in infra's monitoring namespace) and read node metrics.
 */
public final class PrometheusServer extends Construct {
    public static final String IMAGE = "quay.io/prometheus/prometheus:v3.5.0";
    public static final String SERVICE = "prometheus-service";
    public static final int PORT = 9090;
    /** {@code app.kubernetes.io/name} of the Prometheus pods, and its ServiceAccount. */
    public static final String WORKLOAD = "prometheus";

    /** 15 days of samples, and a size bound below the volume's so a burst of series cannot fill it. */
    static final String RETENTION = "15d";
    static final StorageTier STORAGE_TIER = StorageTier.STANDARD_SSD;
    static final String STORAGE_SIZE = "50Gi";
    static final String RETENTION_SIZE = "45GB";

    /** One system's Prometheus. Required: the system, namespace and the labels monitors and rules carry. */
    public static final class Props {
        private final String system;
        private final String namespace;
        private final Map<String, String> monitorLabels;
        private final Cloud cloud;
        private final boolean kubeStateMetrics;

        private Props(Builder b) {
            system = b.system;
            namespace = b.namespace;
            monitorLabels = Map.copyOf(b.monitorLabels);
            cloud = b.cloud;
            kubeStateMetrics = b.kubeStateMetrics;
        }

        /**
         * @param system        names its RBAC objects
         * @param namespace     where it runs and discovers targets
         * @param monitorLabels what it selects ServiceMonitors and PrometheusRules by
         */
        public static Builder builder(String system, String namespace, Map<String, String> monitorLabels) {
            return new Builder(system, namespace, monitorLabels);
        }

        public static final class Builder {
            private final String system;
            private final String namespace;
            private final Map<String, String> monitorLabels;
            private Cloud cloud = Cloud.NONE;
            private boolean kubeStateMetrics;

            private Builder(String system, String namespace, Map<String, String> monitorLabels) {
                this.system = Objects.requireNonNull(system, "system");
                this.namespace = Objects.requireNonNull(namespace, "namespace");
                this.monitorLabels = Objects.requireNonNull(monitorLabels, "monitorLabels");
            }

            /** Where the cluster runs: its volume's access mode depends on the cloud's storage. Default {@link Cloud#NONE}. */
            public Builder cloud(Cloud cloud) {
                this.cloud = Objects.requireNonNull(cloud, "cloud");
                return this;
            }

            /**
             * Whether to scrape kube-state-metrics (for the backup alerts), which also lets the account
             * discover targets in its namespace. Default false.
             */
            public Builder kubeStateMetrics(boolean kubeStateMetrics) {
                this.kubeStateMetrics = kubeStateMetrics;
                return this;
            }

            public Props build() {
                return new Props(this);
            }
        }
    }

    public PrometheusServer(Construct scope, String id, Props props) {
        super(scope, id);
        String system = props.system;
        String namespace = props.namespace;
        Cloud cloud = props.cloud;
        Map<String, String> monitorLabels = props.monitorLabels;
        boolean kubeStateMetrics = props.kubeStateMetrics;
        String account = WORKLOAD;
        Map<String, String> labels = Labels.ofWorkload(WORKLOAD, "monitoring");

        KubeServiceAccount.Builder.create(this, "service-account")
                .metadata(ObjectMeta.builder().name(account).namespace(namespace).labels(labels).build())
                .automountServiceAccountToken(true)
                .build();
        List<PolicyRule> discovery = List.of(
                PolicyRule.builder().apiGroups(List.of("")).resources(List.of("services", "endpoints", "pods"))
                        .verbs(List.of("get", "list", "watch")).build(),
                PolicyRule.builder().apiGroups(List.of("discovery.k8s.io")).resources(List.of("endpointslices"))
                        .verbs(List.of("get", "list", "watch")).build());
        // Discovery in its own namespace through a Role; the kubelet Service (kube-system) and
        // kube-state-metrics (infra's monitoring namespace) through a ClusterRole of read-only discovery,
        // since a Role in those namespaces would be an object in a namespace other releases own.
        String name = "prometheus-" + system;
        KubeRole.Builder.create(this, "role-" + namespace)
                .metadata(ObjectMeta.builder().name(name).namespace(namespace).labels(labels).build())
                .rules(discovery).build();
        KubeRoleBinding.Builder.create(this, "binding-" + namespace)
                .metadata(ObjectMeta.builder().name(name).namespace(namespace).labels(labels).build())
                .roleRef(RoleRef.builder().apiGroup("rbac.authorization.k8s.io").kind("Role").name(name).build())
                .subjects(List.of(Subject.builder().kind("ServiceAccount").name(account).namespace(namespace).build()))
                .build();
        KubeClusterRole.Builder.create(this, "discovery")
                .metadata(ObjectMeta.builder().name(name + "-discovery").labels(labels).build())
                .rules(discovery)
                .build();
        KubeClusterRoleBinding.Builder.create(this, "discovery-binding")
                .metadata(ObjectMeta.builder().name(name + "-discovery").labels(labels).build())
                .roleRef(RoleRef.builder().apiGroup("rbac.authorization.k8s.io").kind("ClusterRole").name(name + "-discovery").build())
                .subjects(List.of(Subject.builder().kind("ServiceAccount").name(account).namespace(namespace).build()))
                .build();
        // The kubelet authorizes /metrics and /metrics/cadvisor as the nodes/metrics subresource.
        KubeClusterRole.Builder.create(this, "node-metrics")
                .metadata(ObjectMeta.builder().name("prometheus-" + system + "-node-metrics").labels(labels).build())
                .rules(List.of(PolicyRule.builder().apiGroups(List.of("")).resources(List.of("nodes/metrics"))
                        .verbs(List.of("get")).build()))
                .build();
        KubeClusterRoleBinding.Builder.create(this, "node-metrics-binding")
                .metadata(ObjectMeta.builder().name("prometheus-" + system + "-node-metrics").labels(labels).build())
                .roleRef(RoleRef.builder().apiGroup("rbac.authorization.k8s.io").kind("ClusterRole")
                        .name("prometheus-" + system + "-node-metrics").build())
                .subjects(List.of(Subject.builder().kind("ServiceAccount").name(account).namespace(namespace).build()))
                .build();

        Map<String, Object> spec = new TreeMap<>();
        spec.put("image", IMAGE);
        spec.put("version", IMAGE.substring(IMAGE.lastIndexOf(':') + 1));
        spec.put("replicas", 1);
        spec.put("serviceAccountName", account);
        spec.put("serviceMonitorSelector", Map.of("matchLabels", monitorLabels));
        spec.put("ruleSelector", Map.of("matchLabels", monitorLabels));
        spec.put("retention", RETENTION);
        spec.put("retentionSize", RETENTION_SIZE);
        // The operator makes a StatefulSet whose claim keeps the samples across restarts; marked as
        // holding data so prune and diff treat it as such.
        spec.put("storage", Map.of("volumeClaimTemplate", Map.of(
                "metadata", Map.of("annotations", Map.of(StorageTiers.HOLDS_DATA, "true")),
                "spec", Map.of(
                        "storageClassName", STORAGE_TIER.className(),
                        "accessModes", List.of(StorageTiers.accessMode(cloud, STORAGE_TIER)),
                        "resources", Map.of("requests", Map.of("storage", STORAGE_SIZE))))));
        spec.put("enableAdminAPI", false);
        spec.put("alerting", Map.of("alertmanagers", List.of(Map.of(
                "namespace", namespace, "name", AlertRouting.OPERATED_SERVICE, "port", "web"))));
        spec.put("externalLabels", Map.of("system", system));
        // Outside any mesh, like the rest of the observability stack (see MeshSidecar).
        Map<String, String> podLabels = new TreeMap<>(labels);
        podLabels.putAll(MeshSidecar.optOutLabel());
        spec.put("podMetadata", Map.of("labels", podLabels));
        spec.put("resources", Map.of(
                "requests", Map.of("cpu", "250m", "memory", "1Gi"),
                "limits", Map.of("cpu", "1", "memory", "2Gi")));
        // The operator already runs the containers read-only without capabilities; the pod runs as nobody.
        spec.put("securityContext", Map.of("runAsNonRoot", true, "runAsUser", 65534, "runAsGroup", 65534, "fsGroup", 65534,
                "seccompProfile", Map.of("type", "RuntimeDefault")));
        CustomResource.create(this, "prometheus", Monitoring.API_VERSION, "Prometheus", system, namespace, labels, Map.of("spec", spec));

        // The operator labels the pods of Prometheus <name> with prometheus=<name>.
        KubeService.Builder.create(this, "service")
                .metadata(ObjectMeta.builder().name(SERVICE).namespace(namespace).labels(labels).build())
                .spec(ServiceSpec.builder().type("ClusterIP").selector(Map.of("prometheus", system))
                        .ports(List.of(ServicePort.builder().name("web").port(PORT).targetPort(JsiiValues.intOrString("web"))
                                .protocol("TCP").build()))
                        .build())
                .build();

        Map<String, String> kubeletLabels = new TreeMap<>(monitorLabels);
        kubeletLabels.putAll(Labels.ofWorkload("kubelet-" + system, "monitoring"));
        Map<String, Object> tls = Map.of("caFile", "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt",
                // Kubelet serving certificates are self-signed on most clusters (as kube-prometheus assumes).
                "insecureSkipVerify", true);
        List<Map<String, Object>> keepOwnNamespace = List.of(Map.of("sourceLabels", List.of("namespace"),
                "regex", namespace, "action", "keep"));
        List<Map<String, Object>> endpoints = List.of("/metrics/cadvisor", "/metrics").stream().map(path -> {
            Map<String, Object> e = new TreeMap<>();
            e.put("port", "https-metrics");
            e.put("scheme", "https");
            e.put("path", path);
            e.put("interval", "30s");
            e.put("honorLabels", true);
            e.put("bearerTokenFile", "/var/run/secrets/kubernetes.io/serviceaccount/token");
            e.put("tlsConfig", tls);
            e.put("metricRelabelings", keepOwnNamespace);
            return e;
        }).toList();
        CustomResource.create(this, "kubelet-monitor", Monitoring.API_VERSION, "ServiceMonitor", "kubelet-" + system, namespace,
                kubeletLabels, Map.of("spec", Map.of(
                        "namespaceSelector", Map.of("matchNames", List.of("kube-system")),
                        "selector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "kubelet")),
                        "jobLabel", "app.kubernetes.io/name",
                        "endpoints", endpoints)));

        if (kubeStateMetrics) {
            Map<String, String> ksmLabels = new TreeMap<>(monitorLabels);
            ksmLabels.putAll(Labels.ofWorkload("kube-state-metrics-" + system, "monitoring"));
            Map<String, Object> endpoint = new TreeMap<>();
            endpoint.put("port", KubeStateMetrics.PORT_NAME);
            endpoint.put("interval", "30s");
            // The series' own namespace label (the object's), not the target's (monitoring).
            endpoint.put("honorLabels", true);
            endpoint.put("metricRelabelings", keepOwnNamespace);
            CustomResource.create(this, "kube-state-metrics-monitor", Monitoring.API_VERSION, "ServiceMonitor",
                    "kube-state-metrics-" + system, namespace, ksmLabels, Map.of("spec", Map.of(
                            "namespaceSelector", Map.of("matchNames", List.of(KubeStateMetrics.NAMESPACE)),
                            "selector", Map.of("matchLabels", KubeStateMetrics.LABELS),
                            "endpoints", List.of(endpoint))));
        }
    }
}
