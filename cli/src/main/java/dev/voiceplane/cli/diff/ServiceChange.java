package dev.voiceplane.cli.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A Service that clients may stop reaching: a port gone or moved, a different selector (other pods
 * behind it, or none), a different type (exposure changes). A port added is a plain change.
 */
final class ServiceChange {
    private ServiceChange() {
    }

    static List<Risk> of(JsonNode before, JsonNode after) {
        if (before == null || after == null || !"Service".equals(after.path("kind").asText())) {
            return List.of();
        }
        List<Risk> risks = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (JsonNode port : before.at("/spec/ports")) {
            if (!contains(after.at("/spec/ports"), port)) {
                removed.add(describe(port));
            }
        }
        if (!removed.isEmpty()) {
            risks.add(new Risk(RiskClass.SERVICE_CHANGED, "port " + String.join(", ", removed) + " removed or changed"));
        }
        if (!before.at("/spec/selector").equals(after.at("/spec/selector"))) {
            risks.add(new Risk(RiskClass.SERVICE_CHANGED, "selector " + before.at("/spec/selector") + " becomes " + after.at("/spec/selector")));
        }
        String fromType = before.at("/spec/type").asText("ClusterIP");
        String toType = after.at("/spec/type").asText("ClusterIP");
        if (!fromType.equals(toType)) {
            risks.add(new Risk(RiskClass.SERVICE_CHANGED, "type " + fromType + " becomes " + toType));
        }
        return risks;
    }

    private static boolean contains(JsonNode ports, JsonNode port) {
        for (JsonNode p : ports) {
            if (p.equals(port)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(JsonNode port) {
        return port.path("name").asText("") + (port.has("name") ? " " : "") + port.path("port").asText() + "/"
                + port.path("protocol").asText("TCP") + (port.has("targetPort") ? " -> " + port.path("targetPort").asText() : "");
    }
}
