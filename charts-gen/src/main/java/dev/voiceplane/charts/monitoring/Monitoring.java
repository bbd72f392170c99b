package dev.voiceplane.charts.monitoring;

import dev.voiceplane.catalog.Names;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.charts.BackupSchedule;
import dev.voiceplane.charts.CustomResource;
import dev.voiceplane.charts.Flow;
import dev.voiceplane.charts.Labels;
import dev.voiceplane.charts.MeshSidecar;
import dev.voiceplane.charts.Problems;
import dev.voiceplane.stack.Cloud;
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
     * The observability of one system. Required: the system, its namespace and its services; everything
     * else has a default.
     */
    public static final class Props {
        private final String system;
        private final String namespace;
        private final List<ServiceSpec> services;
        private final Cloud cloud;
        private final Optional<String> applicationAlerts;
        private final boolean logs;
        private final String secretName;
        private final List<BackupSchedule.Job> backups;
        private final boolean mesh;
        private final boolean customMetricsAdapter;

        private Props(Builder b) {
            system = b.system;
            namespace = b.namespace;
            services = List.copyOf(b.services);
            cloud = b.cloud;
            applicationAlerts = Optional.ofNullable(b.applicationAlerts);
            logs = b.logs;
            secretName = b.secretName != null ? b.secretName : new Names(b.system).appSecrets();
            backups = List.copyOf(b.backups);
            mesh = b.mesh;
            customMetricsAdapter = b.customMetricsAdapter;
        }

        /**
         * @param system    names the Prometheus, the rules and the dashboards' folder
         * @param namespace where everything runs, beside the services
         * @param services  the services scraped, one ServiceMonitor each
         */
        public static Builder builder(String system, String namespace, List<ServiceSpec> services) {
            return new Builder(system, namespace, services);
        }

        public String system() {
            return system;
        }

        public String namespace() {
            return namespace;
        }

        public List<ServiceSpec> services() {
            return services;
        }

        public Cloud cloud() {
            return cloud;
        }

        public Optional<String> applicationAlerts() {
            return applicationAlerts;
        }

        public boolean logs() {
            return logs;
        }

        public String secretName() {
            return secretName;
        }

        public List<BackupSchedule.Job> backups() {
            return backups;
        }

        public boolean mesh() {
            return mesh;
        }

        public boolean customMetricsAdapter() {
            return customMetricsAdapter;
        }

        List<String> problems() {
            List<String> names = services.stream().map(ServiceSpec::name).toList();
            return applicationAlerts.filter(app -> !names.contains(app))
                    .map(app -> List.of("application alerts name '" + app + "', which is not one of the services " + names
                            + "; name one of them in applicationAlerts(...)"))
                    .orElse(List.of());
        }

        public static final class Builder {
            private final String system;
            private final String namespace;
            private final List<ServiceSpec> services;
            private Cloud cloud = Cloud.NONE;
            private String applicationAlerts;
            private boolean logs;
            private String secretName;
            private List<BackupSchedule.Job> backups = List.of();
            private boolean mesh;
            private boolean customMetricsAdapter;

            private Builder(String system, String namespace, List<ServiceSpec> services) {
                this.system = Objects.requireNonNull(system, "system");
                this.namespace = Objects.requireNonNull(namespace, "namespace");
                this.services = Objects.requireNonNull(services, "services");
            }

            /** Where the cluster runs, for Prometheus's volume class. Default {@link Cloud#NONE}. */
            public Builder cloud(Cloud cloud) {
                this.cloud = Objects.requireNonNull(cloud, "cloud");
                return this;
            }

            /**
             * The one service whose availability, database, latency and error alerts and dashboards BharatVoice's
             * guide asks for ({@link BharatVoiceDashboards}, {@link AlertRules#application}). Default none: the
             * ai-ninja guide's per-service alerts and dashboards ({@link Dashboards}, {@link AlertRules#aiNinja}).
             */
            public Builder applicationAlerts(String service) {
                this.applicationAlerts = Objects.requireNonNull(service, "service");
                return this;
            }

            /** Whether Loki and Promtail run (Loki's claim is {@link LogPipeline#DATA_CLAIM}, the caller's). Default false. */
            public Builder logs(boolean logs) {
                this.logs = logs;
                return this;
            }

            /** The Secret holding Grafana's admin password and the on-call webhook. Default {@code <system>-secrets}. */
            public Builder secretName(String secretName) {
                this.secretName = Objects.requireNonNull(secretName, "secretName");
                return this;
            }

            /**
             * The backup CronJobs of the in-cluster stores, watched through kube-state-metrics. Default none
             * (managed stores have their cloud's backups).
             */
            public Builder backups(List<BackupSchedule.Job> backups) {
                this.backups = Objects.requireNonNull(backups, "backups");
                return this;
            }

            /**
             * Whether the services run Istio sidecars under STRICT mutual TLS: their metrics are then scraped
             * from the sidecar's merged-metrics port ({@link MeshSidecar}). Default false.
             */
            public Builder mesh(boolean mesh) {
                this.mesh = mesh;
                return this;
            }

            /**
             * Whether prometheus-adapter (in {@value PrometheusAdapter#NAMESPACE}) serves the HPAs' Pods metrics
             * from this Prometheus, and so must reach it. Default false.
             */
            public Builder customMetricsAdapter(boolean customMetricsAdapter) {
                this.customMetricsAdapter = customMetricsAdapter;
                return this;
            }

            public Props build() {
                return new Props(this);
            }
        }
    }

    private final Props props;

    public Monitoring(Construct scope, String id, Props props) {
        super(scope, id);
        this.props = props;
        Problems.report(this, props.problems());
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
        new AlertRules(this, "alerts", new AlertRules.Props(props.system() + "-alerts", ns, ruleLabels, alerts));

        new PrometheusServer(this, "prometheus", PrometheusServer.Props.builder(props.system(), ns, selected)
                .cloud(props.cloud()).kubeStateMetrics(!props.backups().isEmpty()).build());
        new AlertRouting(this, "alert-routing", new AlertRouting.Props(props.system(), ns, props.secretName(), selected));
        new TracingPipeline(this, "tracing", ns);
        if (props.logs()) {
            new LogPipeline(this, "logs", new LogPipeline.Props(props.system(), ns));
        }
        Grafana.Props.Builder grafana = Grafana.Props.builder(props.system(), ns, props.secretName(),
                        Names.serviceUrl(PrometheusServer.SERVICE, ns, PrometheusServer.PORT))
                .jaegerUrl(Names.serviceUrl(TracingPipeline.JAEGER, ns, TracingPipeline.JAEGER_UI_PORT))
                .dashboards(props.applicationAlerts().map(app -> BharatVoiceDashboards.of(props.system(), ns, app))
                        .orElseGet(() -> Dashboards.of(props.system(), ns)));
        if (props.logs()) {
            grafana.lokiUrl(Names.serviceUrl(LogPipeline.LOKI, ns, LogPipeline.LOKI_PORT));
        }
        new Grafana(this, "grafana", grafana.build());
    }

    /** The connections the observability stack makes inside the namespace, for the system's {@code NetworkPolicies}. */
    public List<Flow> flows() {
        return MonitoringFlows.of(props.system(), props.logs(), props.customMetricsAdapter(), !props.backups().isEmpty());
    }

    /**
     * The connections between the observability stack and one of the system's services (scraping, traces). Per
     * service, so the system can list them beside the service's own declarations in its policy.
     */
    public List<Flow> flowsOf(ServiceSpec service) {
        return MonitoringFlows.ofService(service, props.mesh());
    }

    /**
     * How Prometheus reaches one service, the scrape among {@link #flowsOf}: public for the Helm chart, whose
     * {@code mesh.enabled=false} turns a meshed stack's scrape into the unmeshed one.
     */
    public static Flow scrapeFlow(ServiceSpec service, boolean mesh) {
        return MonitoringFlows.scrape(service, mesh);
    }

    /** The connections of the log shipper, for the policies of its own namespace ({@link LogPipeline#namespaceOf}); none without logs. */
    public List<Flow> logShipperFlows() {
        // To Loki in the monitoring's namespace, which need not be named after the system.
        return props.logs() ? MonitoringFlows.logShipper(props.namespace()) : List.of();
    }

    /** Keys the observability stack reads from the system Secret: Grafana's admin password, the on-call webhook. */
    public static List<String> secretKeys() {
        return List.of(Grafana.ADMIN_PASSWORD_KEY, AlertRouting.WEBHOOK_URL_KEY);
    }

    /**
     * How a service's metrics are scraped: from its {@code http} port at {@code /metrics}; or, in a meshed stack,
     * from the same pods' merged-metrics port, which the targets found through the Service are moved to. That is
     * Istio's documented scrape of a STRICT workload (https://istio.io/latest/docs/ops/integrations/prometheus/#option-1-metrics-merging;
     * Istio's own prometheus-operator example, samples/addons/extras/prometheus-operator.yaml, rewrites
     * {@code __address__} the same way); going through the Service keeps the {@code service} and {@code job}
     * labels the dashboards and alerts group by. Public for the Helm chart, whose {@code mesh.enabled=false} switches
     * a meshed stack's monitors to the unmeshed endpoint.
     */
    public static Map<String, Object> endpoint(boolean mesh) {
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
