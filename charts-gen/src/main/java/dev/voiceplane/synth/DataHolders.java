package dev.voiceplane.synth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.charts.StorageTiers;
import java.util.Set;

/**
 * Which synthesized objects hold data, the one rule every tool that deletes or replaces objects
 * asks: the CLI's diff, apply and prune, and infra's Helm release (which marks them to be kept).
 * An object holds data when its kind always does, or when the construct that made it says so with
 * {@value StorageTiers#HOLDS_DATA}.
 */
public final class DataHolders {

    /** Kinds whose objects are or own volumes, annotated or not. */
    public static final Set<String> KINDS = Set.of("PersistentVolumeClaim", "PersistentVolume", "StatefulSet");

    private DataHolders() {
    }

    public static boolean holdsData(JsonNode object) {
        return KINDS.contains(object.path("kind").asText()) || marked(object);
    }

    /** Whether the construct that made {@code object} marked it with {@value StorageTiers#HOLDS_DATA}. */
    public static boolean marked(JsonNode object) {
        return "true".equals(object.path("metadata").path("annotations").path(StorageTiers.HOLDS_DATA).asText());
    }
}
