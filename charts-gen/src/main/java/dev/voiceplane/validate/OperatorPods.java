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
 * cert-manager runs an ACME HTTP-01 solver pod in a Certificate's namespace while it proves the domain,
 * labelled {@code acme.cert-manager.io/http01-solver: "true"} and kept out of the mesh
 * (https://cert-manager.io/docs/configuration/acme/http01/).
 */
final class OperatorPods {
    private OperatorPods() {
    }

    /** cert-manager's solver pod defaults: --acme-http01-solver-resource-request-cpu 10m, -memory 64Mi, limits 100m / 64Mi. */
    static final Map<String, String> SOLVER_RESOURCES = Map.of("requests.cpu", "10m", "requests.memory", "64Mi", "limits.cpu", "100m", "limits.memory", "64Mi");

    private static PodTemplate acmeSolver(Source certificate) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("acme.cert-manager.io/http01-solver", "true");
        labels.put("sidecar.istio.io/inject", "false");
        var nodes = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        return new PodTemplate(certificate, "/spec", nodes.objectNode(), nodes.objectNode(), true, labels);
    }

    static Optional<PodTemplate> of(Source s) {
        if (s.object().path("apiVersion").asText().startsWith("cert-manager.io/") && s.kind().equals("Certificate")) {
            return Optional.of(acmeSolver(s));
        }
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
