package dev.voiceplane.charts;

import java.util.Map;
import java.util.TreeMap;

/**
 * The labels every voiceplane object carries. {@code managed-by} plus the stack label let apply
 * prune exactly what it owns; {@code name}/{@code component}/{@code part-of} follow the
 * Kubernetes recommended labels (https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/).
 */
public final class Labels {
    public static final String NAME = "app.kubernetes.io/name";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String STACK = "voiceplane.dev/stack";
    public static final String MANAGER = "voiceplane";

    private Labels() {
    }

    /** Labels shared by every object of a stack's charts. */
    public static Map<String, String> ofStack(String system, String stack) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(PART_OF, system);
        labels.put(MANAGED_BY, MANAGER);
        labels.put(STACK, stack);
        return labels;
    }

    /** Labels naming one workload: what selectors and policies match on. */
    public static Map<String, String> ofWorkload(String name, String component) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(NAME, name);
        labels.put(COMPONENT, component);
        return labels;
    }
}
