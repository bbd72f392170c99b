package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.catalog.Exposure;
import dev.voiceplane.catalog.ServiceCatalog;

/**
 * A service that holds long-lived connections (the catalog's WebSocket services) drains them before its pod
 * goes: a preStop hook, and a termination grace period at least as long as the idle timeout of its
 * connections (its WEBSOCKET_TIMEOUT, in milliseconds), else every scale-down and rollout cuts live calls
 * (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination).
 */
final class ConnectionDrain {
    static final RuleSpec SPEC = RuleSpec.of("connection-drain", Severity.ERROR, Layer.CROSS_OBJECT,
            "WebSocket services drain their connections: a preStop hook and a grace period at least their WEBSOCKET_TIMEOUT",
            "add a preStop hook and set terminationGracePeriodSeconds to the WebSocket timeout",
            "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination");

    private ConnectionDrain() {
    }

    static Rule rule() {
        return Rules.perPod(SPEC, (m, pod, f) -> {
            var spec = ServiceCatalog.find(pod.owner().name());
            if (spec.isEmpty() || spec.get().exposure() != Exposure.PUBLIC_WEBSOCKET) {
                return;
            }
            long grace = pod.spec().path("terminationGracePeriodSeconds").asLong(30);
            for (Container c : m.containers(pod)) {
                if (!c.name().equals(spec.get().name())) {
                    continue;
                }
                if (!c.node().at("/lifecycle/preStop").isObject()) {
                    f.add(pod.owner(), c.field("/lifecycle/preStop"), c.describe() + " has no preStop hook: it stops taking calls only when killed");
                }
                long timeoutMillis = configValue(m, pod, c, "WEBSOCKET_TIMEOUT");
                if (timeoutMillis > 0 && grace * 1000 < timeoutMillis) {
                    f.add(pod.owner(), pod.specPath("/terminationGracePeriodSeconds"), pod.describe() + " gives its pods " + grace
                            + " s to stop, but its connections may idle " + timeoutMillis / 1000 + " s (WEBSOCKET_TIMEOUT): live calls are cut");
                }
            }
        });
    }

    /** The variable's value: literal, or from the ConfigMap key it references; -1 when unknown. */
    private static long configValue(Model m, PodTemplate pod, Container c, String name) {
        for (JsonNode e : c.node().path("env")) {
            if (!e.path("name").asText().equals(name)) {
                continue;
            }
            String value = e.path("value").asText("");
            JsonNode ref = e.at("/valueFrom/configMapKeyRef");
            if (ref.isObject()) {
                value = m.find("ConfigMap", pod.namespace(), ref.path("name").asText()).map(cm -> cm.at("/data").path(ref.path("key").asText()).asText(""))
                        .orElse("");
            }
            try {
                return Long.parseLong(value.strip());
            } catch (NumberFormatException ex) {
                return -1;
            }
        }
        return -1;
    }
}
