package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Label selectors as the API server evaluates them (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/). */
final class Selectors {
    private Selectors() {
    }

    /** A plain map selector (Service {@code spec.selector}): every pair must be on the pod. An empty map selects nothing here. */
    static boolean mapSelects(JsonNode selector, Map<String, String> labels) {
        if (selector == null || !selector.isObject() || selector.isEmpty()) {
            return false;
        }
        var it = selector.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** A LabelSelector (matchLabels and matchExpressions); an empty one selects every pod. */
    static boolean selects(JsonNode selector, Map<String, String> labels) {
        if (selector == null || selector.isMissingNode() || selector.isNull()) {
            return true;
        }
        var it = selector.path("matchLabels").fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (JsonNode expr : selector.path("matchExpressions")) {
            String key = expr.path("key").asText();
            Set<String> values = new HashSet<>();
            expr.path("values").forEach(v -> values.add(v.asText()));
            boolean has = labels.containsKey(key);
            boolean ok = switch (expr.path("operator").asText()) {
                case "In" -> has && values.contains(labels.get(key));
                case "NotIn" -> !has || !values.contains(labels.get(key));
                case "Exists" -> has;
                case "DoesNotExist" -> !has;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
