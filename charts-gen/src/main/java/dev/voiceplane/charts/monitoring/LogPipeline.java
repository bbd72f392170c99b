package dev.voiceplane.charts.monitoring;

import dev.voiceplane.catalog.Names;
import dev.voiceplane.charts.Labels;
import dev.voiceplane.charts.NetworkPolicies;
import dev.voiceplane.charts.StorageTier;
import dev.voiceplane.charts.StorageTiers;
import dev.voiceplane.stack.ResourceBudget;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.cdk8s.plus33.k8s.ConfigMapVolumeSource;
import org.cdk8s.plus33.k8s.EnvVar;
import org.cdk8s.plus33.k8s.EnvVarSource;
import org.cdk8s.plus33.k8s.HostPathVolumeSource;
import org.cdk8s.plus33.k8s.KubeClusterRole;
import org.cdk8s.plus33.k8s.KubeClusterRoleBinding;
import org.cdk8s.plus33.k8s.KubeConfigMap;
import org.cdk8s.plus33.k8s.KubeNamespace;
import org.cdk8s.plus33.k8s.ObjectFieldSelector;
import org.cdk8s.plus33.k8s.ObjectMeta;
import org.cdk8s.plus33.k8s.PolicyRule;
import org.cdk8s.plus33.k8s.RoleRef;
import org.cdk8s.plus33.k8s.Subject;
import org.cdk8s.plus33.k8s.Volume;
import org.cdk8s.plus33.k8s.VolumeMount;
import software.constructs.Construct;

/**
 * Central logs for BharatVoice (guide: "Loki for centralized log storage, Promtail for log
 * shipping"): Loki as a single binary in the system namespace, and Promtail on every node reading
 * the kubelet's container log files of this system's pods and pushing them to Loki with the pod's
 * labels. The services already log JSON with {@code trace_id}, so a log line links to its trace.
 *
 * <p>Promtail must read {@code /var/log/pods} on the node, files owned by root with mode 0640: it is
 * the one workload that runs as root with host paths (read-only, still without capabilities or
 * privilege escalation), says so in its {@value HardenedWorkload#HARDENING_EXCEPTION} annotation,
 * and lives in a namespace of its own ({@code <system>-logs}) whose Pod Security level allows host
 * paths, so the system namespace stays {@code restricted}.
 */
public final class LogPipeline extends Construct {
    public static final String LOKI_IMAGE = "grafana/loki:3.5.5";
    public static final String PROMTAIL_IMAGE = "grafana/promtail:3.5.5";
    public static final String LOKI = "loki";
    public static final int LOKI_PORT = 3100;
    /** Days logs are kept (guide: "Log retention policies for compliance"). */
    public static final int RETENTION_DAYS = 30;
    /**
     * Loki's chunks and index: on a claim, not in the pod, or a restart would drop the logs the
     * retention period promises to keep (guide: "PersistentVolumes: Data persistence for database and logs").
     */
    public static final StorageTiers.Claim DATA_CLAIM = StorageTiers.Claim.unbacked("loki-data", StorageTier.STANDARD_SSD, "50Gi",
            "operational logs kept for their retention period; the records that must survive (database, uploads) have backups of their own");
    public static final String PROMTAIL_EXCEPTION = "Promtail tails the kubelet's container log files under /var/log/pods, "
            + "which are owned by root with mode 0640: it runs as root with read-only host paths, without capabilities "
            + "or privilege escalation, in a namespace of its own.";

    /** The namespace of the system's log shipper, apart from the restricted system namespace. */
    public static String namespaceOf(String system) {
        return new Names(system).logsNamespace();
    }

    /**
     * @param system    names the log shipper's namespace ({@link #namespaceOf})
     * @param namespace where Loki runs, beside the services
     */
    public record Props(String system, String namespace) {
        public Props {
            Objects.requireNonNull(system, "system");
            Objects.requireNonNull(namespace, "namespace");
        }
    }

    /** Loki keeps its data on {@link #DATA_CLAIM}, which the caller puts with the system's other claims. */
    public LogPipeline(Construct scope, String id, Props props) {
        super(scope, id);
        String system = props.system();
        String namespace = props.namespace();
        String lokiConfig = String.join("\n",
                "auth_enabled: false",
                "server:",
                "  http_listen_port: " + LOKI_PORT,
                "common:",
                "  path_prefix: /loki",
                "  replication_factor: 1",
                "  ring:",
                "    kvstore:",
                "      store: inmemory",
                "  storage:",
                "    filesystem:",
                "      chunks_directory: /loki/chunks",
                "      rules_directory: /loki/rules",
                "schema_config:",
                "  configs:",
                "    - from: \"2024-01-01\"",
                "      store: tsdb",
                "      object_store: filesystem",
                "      schema: v13",
                "      index:",
                "        prefix: index_",
                "        period: 24h",
                "limits_config:",
                "  retention_period: " + (RETENTION_DAYS * 24) + "h",
                "compactor:",
                "  working_directory: /loki/compactor",
                "  retention_enabled: true",
                "  delete_request_store: filesystem",
                "analytics:",
                "  reporting_enabled: false",
                "");
        Map<String, String> lokiLabels = Labels.ofWorkload(LOKI, "logging");
        KubeConfigMap.Builder.create(this, "loki-config")
                .metadata(ObjectMeta.builder().name("loki-config").namespace(namespace).labels(lokiLabels).build())
                .data(Map.of("loki.yaml", lokiConfig))
                .build();
        HardenedWorkload.builder(LOKI, namespace, LOKI_IMAGE)
                .component("logging")
                .runAs(10001) // the uid the Loki image is built for
                .args(List.of("-config.file=/etc/loki/loki.yaml", "-target=all"))
                .port("http", LOKI_PORT)
                .probe("/ready", LOKI_PORT)
                .resources(new ResourceBudget("100m", "256Mi", "1", "1Gi"))
                .volume(Volume.builder().name("config").configMap(ConfigMapVolumeSource.builder().name("loki-config").build()).build(),
                        VolumeMount.builder().name("config").mountPath("/etc/loki").readOnly(true).build())
                .persistentClaim(DATA_CLAIM.name(), "/loki")
                .build(this, "loki");

        String logsNamespace = namespaceOf(system);
        Map<String, String> nsLabels = new TreeMap<>();
        // Host paths are outside both the restricted and the baseline Pod Security levels.
        nsLabels.put("pod-security.kubernetes.io/enforce", "privileged");
        nsLabels.put("pod-security.kubernetes.io/warn", "baseline");
        nsLabels.put("kubernetes.io/metadata.name", logsNamespace);
        KubeNamespace.Builder.create(this, "logs-namespace")
                .metadata(ObjectMeta.builder().name(logsNamespace).labels(nsLabels)
                        .annotations(Map.of("voiceplane.dev/pod-security-reason", "holds only promtail; " + PROMTAIL_EXCEPTION,
                                // The waiver validate lists for its restricted-namespace rule.
                                NetworkPolicies.REASONS + ".pss-namespace-level", "holds only promtail; " + PROMTAIL_EXCEPTION))
                        .build())
                .build();

        String promtailConfig = String.join("\n",
                "server:",
                "  http_listen_port: 3101",
                "  grpc_listen_port: 0",
                "positions:",
                "  filename: /run/promtail/positions.yaml",
                "clients:",
                "  - url: " + Names.serviceUrl(LOKI, namespace, LOKI_PORT) + "/loki/api/v1/push",
                "scrape_configs:",
                "  - job_name: kubernetes-pods",
                "    pipeline_stages:",
                "      - cri: {}",
                "    kubernetes_sd_configs:",
                "      - role: pod",
                "        namespaces:",
                "          names: [" + namespace + "]",
                "        selectors:",
                "          - role: pod",
                "            field: spec.nodeName=${HOSTNAME}",
                "    relabel_configs:",
                "      - source_labels: [__meta_kubernetes_pod_label_app_kubernetes_io_name]",
                "        target_label: app",
                "      - source_labels: [__meta_kubernetes_namespace]",
                "        target_label: namespace",
                "      - source_labels: [__meta_kubernetes_pod_name]",
                "        target_label: pod",
                "      - source_labels: [__meta_kubernetes_pod_container_name]",
                "        target_label: container",
                "      - source_labels: [__meta_kubernetes_pod_uid, __meta_kubernetes_pod_container_name]",
                "        separator: /",
                "        target_label: __path__",
                "        replacement: /var/log/pods/*$1/*.log",
                "");
        Map<String, String> promtailLabels = Labels.ofWorkload("promtail", "logging");
        KubeConfigMap.Builder.create(this, "promtail-config")
                .metadata(ObjectMeta.builder().name("promtail-config").namespace(logsNamespace).labels(promtailLabels).build())
                .data(Map.of("promtail.yaml", promtailConfig))
                .build();
        // Pod discovery: read-only on pods, cluster-wide because the pods live in another namespace than promtail.
        String roleName = "promtail-" + system;
        KubeClusterRole.Builder.create(this, "promtail-role")
                .metadata(ObjectMeta.builder().name(roleName).labels(promtailLabels).build())
                .rules(List.of(PolicyRule.builder().apiGroups(List.of("")).resources(List.of("pods"))
                        .verbs(List.of("get", "list", "watch")).build()))
                .build();
        KubeClusterRoleBinding.Builder.create(this, "promtail-binding")
                .metadata(ObjectMeta.builder().name(roleName).labels(promtailLabels).build())
                .roleRef(RoleRef.builder().apiGroup("rbac.authorization.k8s.io").kind("ClusterRole").name(roleName).build())
                .subjects(List.of(Subject.builder().kind("ServiceAccount").name("promtail").namespace(logsNamespace).build()))
                .build();
        HardenedWorkload.builder("promtail", logsNamespace, PROMTAIL_IMAGE)
                .component("logging")
                .kind(HardenedWorkload.Kind.DAEMON_SET)
                .hardeningException(PROMTAIL_EXCEPTION)
                .apiAccess(true)
                .args(List.of("-config.file=/etc/promtail/promtail.yaml", "-config.expand-env=true"))
                .env(List.of(EnvVar.builder().name("HOSTNAME").valueFrom(EnvVarSource.builder()
                        .fieldRef(ObjectFieldSelector.builder().fieldPath("spec.nodeName").build()).build()).build()))
                .probe("/ready", 3101)
                .resources(new ResourceBudget("50m", "64Mi", "200m", "256Mi"))
                .volume(Volume.builder().name("config").configMap(ConfigMapVolumeSource.builder().name("promtail-config").build()).build(),
                        VolumeMount.builder().name("config").mountPath("/etc/promtail").readOnly(true).build())
                .volume(Volume.builder().name("pods").hostPath(HostPathVolumeSource.builder().path("/var/log/pods").type("Directory").build()).build(),
                        VolumeMount.builder().name("pods").mountPath("/var/log/pods").readOnly(true).build())
                // Positions survive a restart of the pod so no line is shipped twice.
                .volume(Volume.builder().name("positions").hostPath(HostPathVolumeSource.builder()
                                .path("/var/lib/voiceplane/" + system + "-promtail").type("DirectoryOrCreate").build()).build(),
                        VolumeMount.builder().name("positions").mountPath("/run/promtail").build())
                .build(this, "promtail");
    }
}
