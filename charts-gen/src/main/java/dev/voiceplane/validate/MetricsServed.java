package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Every HPA metric is served: Resource metrics by metrics-server, Pods and Object metrics by an adapter
 * registered for {@code custom.metrics.k8s.io}, External metrics by one for {@code external.metrics.k8s.io}
 * (https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#support-for-metrics-apis).
 * When one metric cannot be fetched the HPA does not scale down at all
 * (https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#algorithm-details).
 * An adapter counts when the objects register it (an APIService for the group, or a prometheus-adapter /
 * KEDA workload) or the cluster facts declare it.
 */
final class MetricsServed {
    static final RuleSpec SPEC = RuleSpec.of("hpa-metric-served", Severity.ERROR, Layer.CROSS_OBJECT,
            "every HPA Pods/Object/External metric is served by an adapter the stack deploys or the cluster declares",
            "deploy prometheus-adapter with a rule for the metric (or declare the cluster's adapter), or scale on Resource metrics",
            "https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#support-for-metrics-apis");

    private MetricsServed() {
    }

    static Rule rule() {
        return Rules.of(SPEC, (m, f) -> {
            boolean custom = m.facts().customMetricsAdapter() || registered(m, "custom.metrics.k8s.io", "prometheus-adapter");
            boolean external = m.facts().externalMetricsAdapter() || registered(m, "external.metrics.k8s.io", "keda");
            for (Source hpa : m.ofKind("HorizontalPodAutoscaler")) {
                int i = 0;
                for (JsonNode metric : hpa.at("/spec/metrics")) {
                    String type = metric.path("type").asText();
                    String name = metric.at("/" + type.toLowerCase(java.util.Locale.ROOT) + "/metric/name").asText("");
                    boolean ok = switch (type) {
                        case "Pods", "Object" -> custom;
                        case "External" -> external;
                        default -> true;
                    };
                    if (!ok) {
                        f.add(hpa, "/spec/metrics/" + i, type + " metric '" + name + "' needs an adapter serving "
                                + (type.equals("External") ? "external" : "custom") + ".metrics.k8s.io, and none is deployed or declared: "
                                + "the HPA reports FailedGetPodsMetric and never scales down");
                    }
                    i++;
                }
            }
        });
    }

    private static boolean registered(Model m, String group, String workload) {
        boolean api = m.ofKind("APIService").stream().anyMatch(a -> a.at("/spec/group").asText().equals(group));
        boolean deployed = m.ofKind("Deployment").stream().anyMatch(d -> d.name().contains(workload));
        return api || deployed;
    }
}
