package dev.voiceplane.charts.monitoring;

import dev.voiceplane.charts.Labels;
import dev.voiceplane.stack.ResourceBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.cdk8s.plus33.k8s.ConfigMapProjection;
import org.cdk8s.plus33.k8s.ConfigMapVolumeSource;
import org.cdk8s.plus33.k8s.EmptyDirVolumeSource;
import org.cdk8s.plus33.k8s.EnvVar;
import org.cdk8s.plus33.k8s.EnvVarSource;
import org.cdk8s.plus33.k8s.KubeConfigMap;
import org.cdk8s.plus33.k8s.ObjectMeta;
import org.cdk8s.plus33.k8s.ProjectedVolumeSource;
import org.cdk8s.plus33.k8s.SecretKeySelector;
import org.cdk8s.plus33.k8s.Volume;
import org.cdk8s.plus33.k8s.VolumeMount;
import org.cdk8s.plus33.k8s.VolumeProjection;
import software.constructs.Construct;

/**
 * Grafana with everything provisioned from files, nothing clicked together: datasources
 * (Prometheus, and Loki / Jaeger where the system has them), a dashboard provider, and one
 * ConfigMap per {@link Dashboard}. The dashboard ConfigMaps also carry the {@code grafana_dashboard}
 * label, so a cluster Grafana with the dashboard sidecar (kube-prometheus-stack) picks them up
 * too. The admin password is read from the system's Secret by reference; no value is written here.
 * Served as the guide's {@code grafana-service:3000}.
 */
public final class Grafana extends Construct {
    public static final String IMAGE = "grafana/grafana:12.1.1";
    public static final String SERVICE = "grafana-service";
    public static final int PORT = 3000;
    /** Label Grafana's dashboard sidecar watches for. */
    public static final String DASHBOARD_LABEL = "grafana_dashboard";
    /** Key of the admin password in the system's Secret. */
    public static final String ADMIN_PASSWORD_KEY = "GRAFANA_ADMIN_PASSWORD";

    /** Grafana of one system. Required: the system, namespace, Secret and Prometheus; the other datasources are options. */
    public static final class Props {
        private final String system;
        private final String namespace;
        private final String secretName;
        private final String prometheusUrl;
        private final Optional<String> lokiUrl;
        private final Optional<String> jaegerUrl;
        private final List<Dashboard> dashboards;

        private Props(Builder b) {
            system = b.system;
            namespace = b.namespace;
            secretName = b.secretName;
            prometheusUrl = b.prometheusUrl;
            lokiUrl = Optional.ofNullable(b.lokiUrl);
            jaegerUrl = Optional.ofNullable(b.jaegerUrl);
            dashboards = List.copyOf(b.dashboards);
        }

        /**
         * @param system        the dashboards' folder
         * @param namespace     where Grafana runs
         * @param secretName    the system's Secret holding {@link #ADMIN_PASSWORD_KEY}
         * @param prometheusUrl the default datasource
         */
        public static Builder builder(String system, String namespace, String secretName, String prometheusUrl) {
            return new Builder(system, namespace, secretName, prometheusUrl);
        }

        public static final class Builder {
            private final String system;
            private final String namespace;
            private final String secretName;
            private final String prometheusUrl;
            private String lokiUrl;
            private String jaegerUrl;
            private List<Dashboard> dashboards = List.of();

            private Builder(String system, String namespace, String secretName, String prometheusUrl) {
                this.system = Objects.requireNonNull(system, "system");
                this.namespace = Objects.requireNonNull(namespace, "namespace");
                this.secretName = Objects.requireNonNull(secretName, "secretName");
                this.prometheusUrl = Objects.requireNonNull(prometheusUrl, "prometheusUrl");
            }

            /** Loki's URL. Default none: no Loki datasource, for a system that ships no logs. */
            public Builder lokiUrl(String lokiUrl) {
                this.lokiUrl = Objects.requireNonNull(lokiUrl, "lokiUrl");
                return this;
            }

            /** Jaeger query's URL. Default none: no Jaeger datasource. */
            public Builder jaegerUrl(String jaegerUrl) {
                this.jaegerUrl = Objects.requireNonNull(jaegerUrl, "jaegerUrl");
                return this;
            }

            /** Dashboards provisioned read-only. Default none. */
            public Builder dashboards(List<Dashboard> dashboards) {
                this.dashboards = Objects.requireNonNull(dashboards, "dashboards");
                return this;
            }

            public Props build() {
                return new Props(this);
            }
        }
    }

    public Grafana(Construct scope, String id, Props props) {
        super(scope, id);
        String ns = props.namespace;
        Map<String, String> labels = Labels.ofWorkload("grafana", "monitoring");

        StringBuilder ds = new StringBuilder("apiVersion: 1\ndatasources:\n");
        datasource(ds, "Prometheus", "prometheus", Dashboard.PROMETHEUS_UID, props.prometheusUrl, true);
        props.lokiUrl.ifPresent(url -> datasource(ds, "Loki", "loki", "loki", url, false));
        props.jaegerUrl.ifPresent(url -> datasource(ds, "Jaeger", "jaeger", "jaeger", url, false));
        configMap("datasources", "grafana-datasources", ns, labels, Map.of("datasources.yaml", ds.toString()));
        configMap("dashboard-provider", "grafana-dashboard-provider", ns, labels, Map.of("dashboards.yaml",
                "apiVersion: 1\nproviders:\n  - name: voiceplane\n    folder: " + props.system + "\n    type: file\n"
                        + "    disableDeletion: true\n    allowUiUpdates: false\n    options:\n      path: /var/lib/grafana-dashboards\n"));

        List<VolumeProjection> projections = new ArrayList<>();
        for (Dashboard d : props.dashboards) {
            Map<String, String> dl = new TreeMap<>(labels);
            dl.put(DASHBOARD_LABEL, "1");
            String name = "grafana-dashboard-" + d.uid();
            configMap("dashboard-" + d.uid(), name, ns, dl, Map.of(d.uid() + ".json", d.render()));
            projections.add(VolumeProjection.builder().configMap(ConfigMapProjection.builder().name(name).build()).build());
        }

        HardenedWorkload.Builder grafana = HardenedWorkload.builder("grafana", ns, IMAGE)
                .runAs(472) // the uid the Grafana image is built for
                .port("http", PORT)
                .serviceName(SERVICE)
                .probe("/api/health", PORT)
                .resources(new ResourceBudget("100m", "256Mi", "500m", "512Mi"))
                .env(List.of(
                        env("GF_SECURITY_ADMIN_USER", "admin"),
                        EnvVar.builder().name("GF_SECURITY_ADMIN_PASSWORD").valueFrom(EnvVarSource.builder()
                                .secretKeyRef(SecretKeySelector.builder().name(props.secretName).key(ADMIN_PASSWORD_KEY).build())
                                .build()).build(),
                        env("GF_AUTH_ANONYMOUS_ENABLED", "false"),
                        env("GF_USERS_ALLOW_SIGN_UP", "false"),
                        env("GF_ANALYTICS_REPORTING_ENABLED", "false"),
                        env("GF_ANALYTICS_CHECK_FOR_UPDATES", "false"),
                        env("GF_PATHS_DATA", "/var/lib/grafana"),
                        // Logs go to stdout only: the root filesystem is read-only and Promtail/Loki collect stdout.
                        env("GF_LOG_MODE", "console"),
                        env("GF_PATHS_PROVISIONING", "/etc/grafana/provisioning")))
                .volume(Volume.builder().name("data").emptyDir(EmptyDirVolumeSource.builder().build()).build(),
                        VolumeMount.builder().name("data").mountPath("/var/lib/grafana").build())
                .volume(Volume.builder().name("datasources").configMap(ConfigMapVolumeSource.builder().name("grafana-datasources").build()).build(),
                        VolumeMount.builder().name("datasources").mountPath("/etc/grafana/provisioning/datasources").readOnly(true).build())
                .volume(Volume.builder().name("dashboard-provider").configMap(ConfigMapVolumeSource.builder().name("grafana-dashboard-provider").build()).build(),
                        VolumeMount.builder().name("dashboard-provider").mountPath("/etc/grafana/provisioning/dashboards").readOnly(true).build())
                .volume(Volume.builder().name("dashboards").projected(ProjectedVolumeSource.builder().sources(projections).build()).build(),
                        VolumeMount.builder().name("dashboards").mountPath("/var/lib/grafana-dashboards").readOnly(true).build());
        grafana.build(this, "workload");
    }

    private static void datasource(StringBuilder out, String name, String type, String uid, String url, boolean isDefault) {
        out.append("  - name: ").append(name).append('\n')
                .append("    type: ").append(type).append('\n')
                .append("    uid: ").append(uid).append('\n')
                .append("    access: proxy\n")
                .append("    url: ").append(url).append('\n')
                .append("    isDefault: ").append(isDefault).append('\n')
                .append("    editable: false\n");
    }

    private void configMap(String id, String name, String ns, Map<String, String> labels, Map<String, String> data) {
        KubeConfigMap.Builder.create(this, id)
                .metadata(ObjectMeta.builder().name(name).namespace(ns).labels(labels).build())
                .data(data)
                .build();
    }

    static EnvVar env(String name, String value) {
        return EnvVar.builder().name(name).value(value).build();
    }
}
