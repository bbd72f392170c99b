package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Pods an operator creates from a custom resource, with the labels it gives them, so a Service or
 * NetworkPolicy selecting them is seen to select something. prometheus-operator labels the
 * StatefulSet pods of a {@code Prometheus} and an {@code Alertmanager} with the resource's name
 * (https://prometheus-operator.dev/docs/developer/getting-started/: the {@code prometheus: <name>}
 * and {@code alertmanager: <name>} selectors of its example Services), plus {@code spec.podMetadata.labels}.
 */
final class OperatorPods {
    private OperatorPods() {
    }

    static Optional<PodTemplate> of(Source s) {
        if (!s.object().path("apiVersion").asText().startsWith("monitoring.coreos.com/")) {
            return Optional.empty();
        }
        String kind = s.kind();
        if (!kind.equals("Prometheus") && !kind.equals("Alertmanager")) {
            return Optional.empty();
        }
        String app = kind.toLowerCase(java.util.Locale.ROOT);
        Map<String, String> labels = new TreeMap<>(PodTemplate.labels(s.at("/spec/podMetadata/labels")));
        labels.put("app.kubernetes.io/name", app);
        labels.put("app.kubernetes.io/instance", s.name());
        labels.put("app.kubernetes.io/managed-by", "prometheus-operator");
        labels.put(app, s.name());
        if (kind.equals("Prometheus")) {
            labels.put("operator.prometheus.io/name", s.name());
            labels.put("operator.prometheus.io/shard", "0");
        }
        JsonNode meta = s.at("/spec/podMetadata");
        return Optional.of(new PodTemplate(s, "/spec/podMetadata", meta, s.at("/spec"), true, labels));
    }
}
