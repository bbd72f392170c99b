package dev.voiceplane.cli.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubernetes.client.custom.Quantity;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * What the API server would store for an object, as far as it can be known without one: resource
 * quantities in canonical form ({@code 1000m} is {@code 1}, {@code 1024Mi} is {@code 1Gi},
 * https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/), and empty
 * maps, lists and nulls dropped (an empty {@code labels: {}} and no labels are the same object).
 * Two objects equal after this differ only in how they were written: a no-op.
 */
final class Normalization {
    /** Fields whose values are quantities wherever they appear (requests, limits, hard quotas, claim sizes). */
    private static final Set<String> QUANTITY_FIELDS = Set.of("cpu", "memory", "storage", "ephemeral-storage",
            "requests.cpu", "requests.memory", "limits.cpu", "limits.memory", "requests.storage");

    private Normalization() {
    }

    static JsonNode normalize(JsonNode node) {
        return normalized(node, null);
    }

    private static JsonNode normalized(JsonNode node, String field) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode value = normalized(e.getValue(), e.getKey());
                if (!isEmpty(value)) {
                    out.set(e.getKey(), value);
                }
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> out.add(normalized(item, null)));
            return out;
        }
        if (field != null && QUANTITY_FIELDS.contains(field) && (node.isTextual() || node.isNumber())) {
            try {
                return JsonNodeFactory.instance.textNode(Quantity.fromString(node.asText()).toSuffixedString());
            } catch (RuntimeException e) {
                return node;
            }
        }
        return node;
    }

    private static boolean isEmpty(JsonNode value) {
        return value.isNull() || (value.isContainerNode() && value.isEmpty());
    }
}
