package dev.voiceplane.charts.monitoring;

import dev.voiceplane.charts.CustomResource;
import dev.voiceplane.charts.Labels;
import dev.voiceplane.charts.MeshSidecar;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.constructs.Construct;

/**
 * Where firing alerts go: an Alertmanager run by the Prometheus Operator, fed by the system's
 * Prometheus, routing by the {@code severity} every {@link AlertRules.Alert} carries. Critical
 * alerts (guide: "application down, database failure") repeat hourly until resolved, warnings
 * every twelve hours; both go to the on-call webhook (Slack, Teams, PagerDuty and Opsgenie all take
 * one) whose URL is read from the system's Secret by reference, never written here.
 */
public final class AlertRouting extends Construct {
    /** Key of the on-call webhook URL in the system's Secret. */
    public static final String WEBHOOK_URL_KEY = "ALERT_WEBHOOK_URL";
    public static final String IMAGE = "quay.io/prometheus/alertmanager:v0.28.1";
    /** The Service the operator creates for every Alertmanager in a namespace. */
    public static final String OPERATED_SERVICE = "alertmanager-operated";
    public static final int PORT = 9093;

    /**
     * @param system     names the Alertmanager and its routes
     * @param namespace  where it runs
     * @param secretName the system's Secret holding {@link #WEBHOOK_URL_KEY}
     * @param selectedBy labels its configuration is selected by
     */
    public record Props(String system, String namespace, String secretName, Map<String, String> selectedBy) {
        public Props {
            Objects.requireNonNull(system, "system");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(secretName, "secretName");
            selectedBy = Map.copyOf(selectedBy);
        }
    }

    public AlertRouting(Construct scope, String id, Props props) {
        super(scope, id);
        String system = props.system();
        String namespace = props.namespace();
        String secretName = props.secretName();
        Map<String, String> selectedBy = props.selectedBy();
        Map<String, String> labels = Labels.ofWorkload("alertmanager", "monitoring");

        Map<String, Object> spec = new TreeMap<>();
        spec.put("image", IMAGE);
        spec.put("version", IMAGE.substring(IMAGE.lastIndexOf(':') + 1));
        spec.put("replicas", 1);
        spec.put("alertmanagerConfigSelector", Map.of("matchLabels", selectedBy));
        // Routes of an AlertmanagerConfig would otherwise only match alerts labelled with its namespace.
        spec.put("alertmanagerConfigMatcherStrategy", Map.of("type", "None"));
        // Outside any mesh, like the rest of the observability stack (see MeshSidecar).
        Map<String, String> podLabels = new TreeMap<>(labels);
        podLabels.putAll(MeshSidecar.optOutLabel());
        spec.put("podMetadata", Map.of("labels", podLabels));
        spec.put("resources", Map.of(
                "requests", Map.of("cpu", "50m", "memory", "64Mi"),
                "limits", Map.of("cpu", "200m", "memory", "256Mi")));
        spec.put("securityContext", Map.of("runAsNonRoot", true, "runAsUser", 65534, "runAsGroup", 65534, "fsGroup", 65534,
                "seccompProfile", Map.of("type", "RuntimeDefault")));
        CustomResource.create(this, "alertmanager", Monitoring.API_VERSION, "Alertmanager", system, namespace, labels, Map.of("spec", spec));

        Map<String, String> configLabels = new TreeMap<>(selectedBy);
        configLabels.putAll(Labels.ofWorkload(system + "-alert-routes", "monitoring"));
        Map<String, Object> webhook = Map.of(
                "urlSecret", Map.of("name", secretName, "key", WEBHOOK_URL_KEY),
                "sendResolved", true);
        CustomResource.create(this, "routes", "monitoring.coreos.com/v1alpha1", "AlertmanagerConfig", system + "-alert-routes",
                namespace, configLabels, Map.of("spec", Map.of(
                        "route", Map.of(
                                "receiver", "oncall",
                                "groupBy", List.of("alertname", "service"),
                                "groupWait", "30s",
                                "groupInterval", "5m",
                                "repeatInterval", "12h",
                                "routes", List.of(Map.of(
                                        "receiver", "oncall",
                                        // matchType defaults to equality; a bare "=" would be YAML 1.1's value tag to some parsers.
                                        "matchers", List.of(Map.of("name", "severity", "value", "critical")),
                                        "repeatInterval", "1h"))),
                        "receivers", List.of(Map.of("name", "oncall", "webhookConfigs", List.of(webhook))))));
    }
}
