package dev.voiceplane.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Live objects made comparable with synthesized ones. The API server adds status, bookkeeping
 * metadata and defaults for every field nobody set; none of that is voiceplane's to change, so a
 * dry run compares only the fields voiceplane sets — the live object projected onto the shape of
 * the synthesized one, which is what server-side apply owns. (A field dropped from synth is
 * therefore not shown by a dry run; apply still removes it, as the field manager owns it.)
 */
final class LiveObjects {
    private static final List<String> SERVER_METADATA = List.of("managedFields", "resourceVersion", "uid", "creationTimestamp",
            "generation", "selfLink", "ownerReferences", "finalizers", "deletionTimestamp", "deletionGracePeriodSeconds");

    private LiveObjects() {
    }

    /** {@code live} reduced to the fields {@code desired} sets. */
    static ObjectNode project(JsonNode live, ObjectNode desired) {
        return (ObjectNode) projected(live, desired);
    }

    private static JsonNode projected(JsonNode live, JsonNode desired) {
        if (desired.isObject() && live.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = desired.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (live.has(field.getKey())) {
                    out.set(field.getKey(), projected(live.get(field.getKey()), field.getValue()));
                }
            }
            return out;
        }
        if (desired.isArray() && live.isArray() && desired.size() == live.size()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < desired.size(); i++) {
                out.add(projected(live.get(i), desired.get(i)));
            }
            return out;
        }
        return live.deepCopy();
    }

    /** {@code live} without status and server bookkeeping: what a deletion removes, as a person reads it. */
    static ObjectNode withoutServerFields(ObjectNode live) {
        ObjectNode copy = live.deepCopy();
        copy.remove("status");
        if (copy.get("metadata") instanceof ObjectNode meta) {
            SERVER_METADATA.forEach(meta::remove);
            if (meta.get("annotations") instanceof ObjectNode annotations) {
                annotations.remove("kubectl.kubernetes.io/last-applied-configuration");
                if (annotations.isEmpty()) {
                    meta.remove("annotations");
                }
            }
        }
        return copy;
    }
}
