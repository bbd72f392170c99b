package dev.voiceplane.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.charts.Component;
import java.util.List;

/**
 * The objects of one component chart, in a stable order.
 *
 * @param component which chart
 * @param objects   Kubernetes objects as JSON trees
 */
public record Manifest(Component component, List<ObjectNode> objects) {
    public Manifest {
        objects = List.copyOf(objects);
    }

    /** {@code Kind/namespace/name} of each object, for messages and diffs. */
    public static String identity(JsonNode object) {
        JsonNode meta = object.path("metadata");
        String ns = meta.path("namespace").asText("");
        return object.path("kind").asText() + "/" + (ns.isEmpty() ? "" : ns + "/") + meta.path("name").asText();
    }
}
