package dev.voiceplane.cli.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.cli.diff.ManifestDiff;
import dev.voiceplane.cli.diff.ObjectKey;
import dev.voiceplane.synth.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Objects of a stack grouped by component (chart), in apply order: components in the order synth
 * gives them, objects within one in {@link dev.voiceplane.synth.KindOrder}. What apply writes and
 * what a revision records.
 */
public record ObjectSet(Map<String, List<ObjectNode>> byComponent) {

    /** A kind as the API addresses it. */
    public record Kind(String apiVersion, String kind, boolean namespaced) {
        /**
         * Kinds prune always looks in, besides those synthesized now or recorded in a revision: the
         * built-in kinds a labelled object may have been made of by hand or by an older voiceplane
         * (kubectl's prune allowlist, https://kubernetes.io/docs/tasks/manage-kubernetes-objects/declarative-config/).
         */
        public static final List<Kind> ALWAYS = List.of(
                new Kind("v1", "ConfigMap", true), new Kind("v1", "Secret", true), new Kind("v1", "Service", true),
                new Kind("v1", "PersistentVolumeClaim", true), new Kind("apps/v1", "Deployment", true),
                new Kind("apps/v1", "StatefulSet", true), new Kind("batch/v1", "CronJob", true),
                new Kind("networking.k8s.io/v1", "Ingress", true));
    }

    public ObjectSet {
        Map<String, List<ObjectNode>> copy = new LinkedHashMap<>();
        byComponent.forEach((component, objects) -> copy.put(component, List.copyOf(objects)));
        byComponent = java.util.Collections.unmodifiableMap(copy);
    }

    /** Synthesized manifests, read back as synth writes them so they compare equal to live objects. */
    public static ObjectSet of(String stack, List<Manifest> manifests) {
        Map<String, List<ObjectNode>> byComponent = new LinkedHashMap<>();
        for (Manifest manifest : manifests) {
            byComponent.put(manifest.component().id(),
                    new ArrayList<>(ManifestDiff.normalized(stack, List.of(manifest)).values()));
        }
        return new ObjectSet(byComponent);
    }

    /** Only {@code components}; all when empty. */
    public ObjectSet only(Set<String> components) {
        if (components.isEmpty()) {
            return this;
        }
        Map<String, List<ObjectNode>> kept = new LinkedHashMap<>(byComponent);
        kept.keySet().retainAll(components);
        return new ObjectSet(kept);
    }

    /** This set with {@code newer}'s components replacing its own: a partial apply over the last revision. */
    public ObjectSet overlaidWith(ObjectSet newer, List<String> order) {
        Map<String, List<ObjectNode>> merged = new LinkedHashMap<>();
        for (String component : order) {
            List<ObjectNode> objects = newer.byComponent.getOrDefault(component, byComponent.get(component));
            if (objects != null) {
                merged.put(component, objects);
            }
        }
        return new ObjectSet(merged);
    }

    public Map<ObjectKey, ObjectNode> byKey() {
        Map<ObjectKey, ObjectNode> objects = new LinkedHashMap<>();
        byComponent.values().forEach(list -> list.forEach(o -> objects.put(ObjectKey.of(o), o)));
        return objects;
    }

    public Set<Kind> kinds() {
        Set<Kind> kinds = new LinkedHashSet<>();
        byComponent.values().forEach(list -> list.forEach(o -> kinds.add(new Kind(o.path("apiVersion").asText(),
                o.path("kind").asText(), !o.path("metadata").path("namespace").asText("").isEmpty()))));
        return kinds;
    }

    public int size() {
        return byComponent.values().stream().mapToInt(List::size).sum();
    }
}
