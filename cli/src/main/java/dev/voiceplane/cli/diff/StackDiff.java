package dev.voiceplane.cli.diff;

import java.util.List;

/**
 * What synthesizing a stack now changes against its earlier synthesis.
 *
 * @param stack     the stack's name
 * @param baseline  false when there was no earlier synthesis of this stack: every object is new
 * @param changes   created and changed objects in synthesis order, then deleted ones in the earlier order
 * @param unchanged how many objects are the same
 */
public record StackDiff(String stack, boolean baseline, List<ObjectChange> changes, int unchanged) {

    public StackDiff {
        changes = List.copyOf(changes);
    }

    public long count(ObjectChange.Type type) {
        return changes.stream().filter(c -> c.type() == type).count();
    }

    /** "1 to create, 2 to change, 0 to delete, 101 unchanged". */
    public String summary() {
        return count(ObjectChange.Type.CREATED) + " to create, " + count(ObjectChange.Type.CHANGED) + " to change, "
                + count(ObjectChange.Type.DELETED) + " to delete, " + unchanged + " unchanged";
    }

    public List<ObjectChange> atRisk() {
        return changes.stream().filter(c -> !c.dataAtRisk().isEmpty()).toList();
    }
}
