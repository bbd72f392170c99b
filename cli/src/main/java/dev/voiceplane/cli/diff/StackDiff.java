package dev.voiceplane.cli.diff;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What synthesizing a stack now changes against its earlier synthesis.
 *
 * @param stack     the stack's name
 * @param status    compared with a baseline, new in this change (no baseline, as declared), or removed by it
 * @param changes   created, changed and no-op objects in synthesis order, then deleted ones in the earlier order
 * @param unchanged how many objects are the same
 */
public record StackDiff(String stack, Status status, List<ObjectChange> changes, int unchanged) {

    /** How the stack relates to the baseline. */
    public enum Status { COMPARED, NEW, REMOVED }

    public StackDiff {
        changes = List.copyOf(changes);
    }

    /** False when there was no earlier synthesis of this stack: every object is new. */
    public boolean baseline() {
        return status != Status.NEW;
    }

    public long count(ObjectChange.Type type) {
        return changes.stream().filter(c -> c.type() == type).count();
    }

    /** "1 to create, 2 to change, 0 to delete, 101 unchanged" (and the no-ops, when there are any). */
    public String summary() {
        long noops = count(ObjectChange.Type.NOOP);
        return (status == Status.REMOVED ? "stack removed: " : status == Status.NEW ? "new stack: " : "")
                + count(ObjectChange.Type.CREATED) + " to create, " + count(ObjectChange.Type.CHANGED) + " to change, "
                + count(ObjectChange.Type.DELETED) + " to delete, " + unchanged + " unchanged"
                + (noops > 0 ? ", " + noops + " no-op after normalisation" : "");
    }

    /** Whether anything changes (no-ops do not count). */
    public boolean differs() {
        return status != Status.COMPARED || changes.stream().anyMatch(ObjectChange::changes);
    }

    /** Every risk of this stack: the stack's own (removed) first, then each object's. */
    public List<Flagged> risks() {
        List<Flagged> risks = new ArrayList<>();
        if (status == Status.REMOVED) {
            risks.add(new Flagged(stack, new Risk(RiskClass.STACK_REMOVED, "the base synthesizes this stack and this change does not:"
                    + " applying it would remove every object of it")));
        }
        for (ObjectChange change : changes) {
            change.risks().forEach(r -> risks.add(new Flagged(change.type().name().toLowerCase(java.util.Locale.ROOT) + " " + change.object(), r)));
        }
        return risks;
    }

    /** How many risks of each class, in class order. */
    public Map<RiskClass, Integer> riskCounts() {
        Map<RiskClass, Integer> counts = new EnumMap<>(RiskClass.class);
        risks().forEach(f -> counts.merge(f.risk().riskClass(), 1, Integer::sum));
        return counts;
    }

    public List<ObjectChange> atRisk() {
        return changes.stream().filter(c -> !c.dataAtRisk().isEmpty()).toList();
    }

    /** A risk and what it is about ({@code changed Deployment/ns/name}, or the stack). */
    public record Flagged(String subject, Risk risk) {
    }
}
