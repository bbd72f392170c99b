package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * One Kubernetes object as validate sees it: the tree, the file it is written in and the line of
 * each of its fields, so a finding can point at the line to change.
 *
 * @param object the object
 * @param file   the file, as reports show it (relative to where CI uploads from)
 * @param lines  JSON pointer of each field to its 1-based line in {@code file}; "" is the document start
 */
public record Source(ObjectNode object, String file, Map<String, Integer> lines) {
    public Source {
        lines = Map.copyOf(lines);
    }

    /** An object that is written nowhere (built in a test, or not yet written). */
    public static Source of(ObjectNode object) {
        return new Source(object, "", Map.of());
    }

    public String kind() {
        return object.path("kind").asText("");
    }

    public String name() {
        return object.at("/metadata/name").asText("");
    }

    public String namespace() {
        return object.at("/metadata/namespace").asText("");
    }

    public JsonNode at(String pointer) {
        return object.at(pointer);
    }

    public ObjectRef ref() {
        return new ObjectRef(kind(), namespace(), name(), file, lineOf(""));
    }

    /** The line of the field, or of its nearest parent that exists; 0 when the file is unknown. */
    public int lineOf(String pointer) {
        for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 0;
            }
        }
    }

    /** A field's annotation value, or "" when absent. */
    public String annotation(String key) {
        return object.path("metadata").path("annotations").path(key).asText("");
    }
}
