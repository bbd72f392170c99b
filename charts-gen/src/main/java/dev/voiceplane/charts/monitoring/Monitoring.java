package dev.voiceplane.charts.monitoring;

import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.charts.BackupSchedule;
import dev.voiceplane.charts.Component;
import dev.voiceplane.charts.ComponentCharts;
import dev.voiceplane.charts.CustomResource;
import dev.voiceplane.charts.Labels;
import dev.voiceplane.charts.MeshSidecar;
import dev.voiceplane.charts.StorageTiers;
import dev.voiceplane.stack.Cloud;
import dev.voiceplane.stack.DataStoreMode;
import dev.voiceplane.stack.StackConfigParser;
import dev.voiceplane.stack.StackConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import software.constructs.Construct;

/**
 * Observability of one system, in its monitoring chart: a ServiceMonitor per service scraping
 * {@code /metrics} (through the Istio sidecar's merged metrics in a meshed stack), the guides' alert rules, the system's Prometheus and an Alertmanager routing
 * alerts by severity (both run by the Prometheus Operator), Grafana with the four dashboards, tracing through an OpenTelemetry collector into
 * Jaeger, and for systems that ask for it Loki with Promtail.
 *
 * <p>Cluster prerequisites, like the ingress controller and cert-manager: the Prometheus Operator
 * and its CRDs (e.g. from kube-prometheus-stack), and a kubelet Service in kube-system (the
 * operator's {@code --kubelet-service}), from which cAdvisor metrics come.
 */
public final class Monitoring extends Construct {
    /** API version of ServiceMonitor, PrometheusRule and Prometheus. */
    public static final String API_VERSION = "monitoring.coreos.com/v1";
    /** How often services are scraped. */
    public static final String SCRAPE_INTERVAL = "30s";

    /**
     * @param applicationAlerts the service whose availability, database, latency and error alerts and
     *                          dashboards BharatVoice's guide asks for ({@link BharatVoiceDashboards});
     *                          empty for ai-ninja's ({@link Dashboards}, {@link AlertRules#aiNinja})
     * @param logs              whether to run Loki and Promtail
     * @param secretName        Secret holding the Grafana admin password
     * @param backups           the backup CronJobs of the in-cluster stores, watched through
     *                          kube-state-metrics; empty for managed stores
     * @param mesh              whether the services run Istio sidecars under STRICT mutual TLS: their metrics are
     *                          scraped from the sidecar's merged-metrics port ({@link MeshSidecar})
     */
    public record Props(String system, String namespace, Cloud cloud, List<ServiceSpec> services, Optional<String> applicationAlerts,
                        boolean logs, String secretName, List<BackupSchedule.Job> backups, boolean mesh) {
        public Props {
            backups = List.copyOf(backups);
            Objects.requireNonNull(system, "system");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(cloud, "cloud");
            Objects.requireNonNull(secretName, "secretName");
            services = List.copyOf(services);
            List<String> names = services.stream().map(ServiceSpec::name).toList();
            applicationAlerts.ifPresent(app -> {
                if (!names.contains(app)) {
                    throw new IllegalArgumentException("application alerts name '" + app + "', not one of " + names);
                }
            });
        }
    }

    /** Adds the system's monitoring to the stack's monitoring chart. */
    public static Monitoring addTo(ComponentCharts charts, Optional<String> applicationAlerts, boolean logs) {
        StackConfig stack = charts.stack();
        if (logs) {
            // With the system's other volumes, in the storage file, where an operator looks for them.
            StorageTiers.claim(charts.get(Component.STORAGE), stack.cloud(), stack.namespace(), LogPipeline.DATA_CLAIM);
        }
        return new Monitoring(charts.get(Component.MONITORING), "monitoring", new Props(stack.system().id(), stack.namespace(), stack.cloud(),
                ServiceCatalog.of(stack.system()), applicationAlerts, logs, stack.system().id() + "-secrets",
                stack.dataStores() == DataStoreMode.IN_CLUSTER ? BackupSchedule.jobs(StackConfigParser.hasSharedData(stack.system())) : List.of(),
                stack.istio()));
    }

    public Monitoring(Construct scope, String id, Props props) {
        super(scope, id);
        String ns = props.namespace();
        // What the system's Prometheus selects its monitors and rules by.
        Map<String, String> selected = Map.of(Labels.PART_OF, props.system());

        for (ServiceSpec s : props.services()) {
            Map<String, String> labels = new TreeMap<>(selected);
            labels.putAll(Labels.ofWorkload(s.name(), s.component()));
            CustomResource.create(this, "monitor-" + s.name(), API_VERSION, "ServiceMonitor", s.name(), ns, labels,
                    Map.of("spec", Map.of(
                            "selector", Map.of("matchLabels", Labels.ofWorkload(s.name(), s.component())),
                            "endpoints", List.of(endpoint(props.mesh())))));
        }

        Queries q = new Queries(ns);
        List<AlertRules.Alert> alerts = new ArrayList<>(AlertRules.common(q));
        // BharatVoice's guide names its application and its own targets; ai-ninja's guide its own.
        props.applicationAlerts().ifPresentOrElse(app -> alerts.addAll(AlertRules.application(q, app)),
                () -> alerts.addAll(AlertRules.aiNinja(q)));
        alerts.addAll(AlertRules.backups(q, props.backups()));
        if (props.backups().contains(BackupSchedule.POSTGRES)) {
            // In-cluster PostgreSQL archives its WAL (WalArchiving): page when that stops.
            alerts.addAll(AlertRules.walArchiving(q));
        }
        Map<String, String> ruleLabels = new TreeMap<>(selected);
        ruleLabels.putAll(Labels.ofWorkload(props.system() + "-alerts", "monitoring"));
        new AlertRules(this, "alerts", props.system() + "-alerts", ns, ruleLabels, alerts);

        new PrometheusServer(this, "prometheus", props.system(), ns, props.cloud(), selected, !props.backups().isEmpty());
        new AlertRouting(this, "alert-routing", props.system(), ns, props.secretName(), selected);
        new TracingPipeline(this, "tracing", ns);
        if (props.logs()) {
            new LogPipeline(this, "logs", props.system(), ns);
        }
        String local = "." + ns + ".svc.cluster.local";
        new Grafana(this, "grafana", new Grafana.Props(props.system(), ns, props.secretName(),
                "http://" + PrometheusServer.SERVICE + local + ":" + PrometheusServer.PORT,
                props.logs() ? "http://" + LogPipeline.LOKI + local + ":" + LogPipeline.LOKI_PORT : null,
                "http://" + TracingPipeline.JAEGER + local + ":" + TracingPipeline.JAEGER_UI_PORT,
                props.applicationAlerts().map(app -> BharatVoiceDashboards.of(props.system(), ns, app))
                        .orElseGet(() -> Dashboards.of(props.system(), ns))));
    }

    /**
     * How a service's metrics are scraped: from its {@code http} port at {@code /metrics}; or, in a meshed stack,
     * from the same pods' merged-metrics port, which the targets found through the Service are moved to. That is
     * Istio's documented scrape of a STRICT workload (https://istio.io/latest/docs/ops/integrations/prometheus/#option-1-metrics-merging;
     * Istio's own prometheus-operator example, samples/addons/extras/prometheus-operator.yaml, rewrites
     * {@code __address__} the same way); going through the Service keeps the {@code service} and {@code job}
     * labels the dashboards and alerts group by.
     */
    static Map<String, Object> endpoint(boolean mesh) {
        Map<String, Object> e = new TreeMap<>();
        e.put("port", "http");
        e.put("interval", SCRAPE_INTERVAL);
        // The services tag every series service=<name>; keep theirs over the target's.
        e.put("honorLabels", true);
        if (!mesh) {
            e.put("path", ServiceSpec.METRICS_PATH);
            return e;
        }
        e.put("path", MeshSidecar.MERGED_METRICS_PATH);
        String port = Integer.toString(MeshSidecar.MERGED_METRICS_PORT);
        e.put("relabelings", List.of(
                Map.of("action", "replace", "sourceLabels", List.of("__meta_kubernetes_pod_ip"), "regex", "([0-9.]+)",
                        "replacement", "$1:" + port, "targetLabel", "__address__"),
                Map.of("action", "replace", "sourceLabels", List.of("__meta_kubernetes_pod_ip"), "regex", "([0-9a-fA-F:]*:[0-9a-fA-F:]*)",
                        "replacement", "[$1]:" + port, "targetLabel", "__address__")));
        return e;
    }
}
