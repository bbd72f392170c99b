package dev.voiceplane.synth.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Checks objects of some API groups against one published schema source. */
interface ObjectCheck {

    /** Whether this check knows the object's API group. */
    boolean covers(String group);

    /** Problems of one object; empty when it conforms. */
    List<SchemaViolation> check(JsonNode object);

    /** Problems of several objects at once, for checks with a per-call cost. */
    default List<SchemaViolation> checkAll(List<? extends JsonNode> objects) {
        List<SchemaViolation> found = new ArrayList<>();
        objects.forEach(o -> found.addAll(check(o)));
        return found;
    }

    /** The API group of an {@code apiVersion}: empty for the core group ({@code v1}). */
    static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    static String version(String apiVersion) {
        return apiVersion.substring(apiVersion.indexOf('/') + 1);
    }
}
